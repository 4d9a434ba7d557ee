/// The Telnet command bytes of RFC 854 that this module reads or writes, apart from the
/// negotiation verbs (``NegotiationVerb``).
enum TelnetByte {
    /// Interpret As Command: starts every command; doubled, it is the data byte 255.
    static let iac: UInt8 = 255
    /// Subnegotiation Begin.
    static let sb: UInt8 = 250
    /// Subnegotiation End.
    static let se: UInt8 = 240
}
