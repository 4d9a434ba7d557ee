/// Counts of the input a server dropped or refused, for diagnostics; none of it stops a session.
public struct RFC2217Statistics: Sendable, Hashable {
    /// Subnegotiations longer than the server's limit, dropped whole.
    public var oversizedSubnegotiations = 0
    /// Subnegotiations cut short by a Telnet command other than `IAC SE` or `IAC IAC`, dropped.
    public var unterminatedSubnegotiations = 0
    /// Subnegotiations of options other than COM-PORT-OPTION, ignored.
    public var foreignSubnegotiations = 0
    /// COM-PORT-OPTION commands that were truncated, unknown, or had a value with no meaning.
    public var malformedCommands = 0
    /// Options the client offered or asked for that the server refused.
    public var refusedOptions = 0
    /// Telnet commands other than negotiation and subnegotiation (NOP, BRK, AYT…), ignored.
    public var ignoredTelnetCommands = 0

    /// No counts.
    public init() {}
}
