/// Counters of an ``MDNSQuerier`` since it started.
public struct MDNSQuerierStatistics: Sendable, Hashable {
    /// Packets received, over IPv4 and IPv6.
    public var received: UInt64
    /// Packets dropped because they are not valid DNS messages.
    public var malformed: UInt64
    /// Packets dropped because they came in on an interface not in use, or from off-link.
    public var ignored: UInt64
    /// Query packets sent, over IPv4 and IPv6: a query goes out once per family an interface
    /// has, so a dual-stack link counts two per query.
    public var sent: UInt64
    /// Interfaces browsed now (joined over IPv4, IPv6 or both).
    public var interfaces: Int
    /// Records cached now.
    public var records: Int
}
