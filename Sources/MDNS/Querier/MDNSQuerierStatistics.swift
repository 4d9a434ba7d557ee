/// Counters of an ``MDNSQuerier`` since it started.
public struct MDNSQuerierStatistics: Sendable, Hashable {
    /// Packets received.
    public var received: UInt64
    /// Packets dropped because they are not valid DNS messages.
    public var malformed: UInt64
    /// Packets dropped because they came in on an interface not in use, or from off-link.
    public var ignored: UInt64
    /// Query packets sent.
    public var sent: UInt64
    /// Interfaces joined now.
    public var interfaces: Int
    /// Records cached now.
    public var records: Int
}
