/// Counters of the cloud link since start.
public struct CloudFigures: Sendable, Hashable {
    /// Inventory messages published (one per user and change).
    public var inventoryPublishes: UInt64
    /// Requests received.
    public var requests: UInt64
    /// Requests refused with `forbidden`.
    public var requestsDenied: UInt64
    /// Requests answered with any other error.
    public var requestsFailed: UInt64
}
