/// Counters of one client since it started.
public struct MQTTStatistics: Sendable, Hashable {
    /// Messages published and acknowledged (QoS 1) or written (QoS 0).
    public var published: UInt64
    /// Messages received.
    public var received: UInt64
    /// Received messages dropped because the reader was behind.
    public var dropped: UInt64
    /// Successful connections after the first.
    public var reconnects: UInt64
    /// Whether the link is up now.
    public var connected: Bool
}
