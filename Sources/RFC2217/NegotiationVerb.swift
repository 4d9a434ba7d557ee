/// One of the four Telnet option negotiation commands (RFC 854).
enum NegotiationVerb: UInt8, Sendable, Hashable {
    /// The sender will enable the option on its side, or asks to.
    case will = 251
    /// The sender refuses, or stops, the option on its side.
    case wont = 252
    /// The sender asks the receiver to enable the option, or agrees to it.
    case `do` = 253
    /// The sender asks the receiver to disable the option, or refuses it.
    case dont = 254

    /// The three bytes `IAC verb option`.
    func command(_ option: UInt8) -> [UInt8] {
        [TelnetByte.iac, rawValue, option]
    }
}
