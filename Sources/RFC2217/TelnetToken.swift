/// One unit of a Telnet byte stream, as ``TelnetParser`` reads it.
enum TelnetToken: Sendable, Hashable {
    /// Data bytes, unescaped.
    case data([UInt8])
    /// `IAC WILL|WONT|DO|DONT option`.
    case negotiation(NegotiationVerb, option: UInt8)
    /// The unescaped bytes between `IAC SB` and `IAC SE`, starting with the option.
    case subnegotiation([UInt8])
    /// A subnegotiation longer than the parser's limit, dropped.
    case oversizedSubnegotiation
    /// A subnegotiation interrupted by another Telnet command, dropped.
    case unterminatedSubnegotiation
    /// Any other Telnet command byte after IAC (NOP, BRK, AYT, a stray SE…).
    case command(UInt8)
}
