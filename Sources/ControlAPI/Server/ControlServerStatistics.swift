import Synchronization

/// Live figures of the control server, read by `GET /v1/status`.
public final class ControlServerStatistics: Sendable {
    private let openConnections = Atomic(0)
    private let openEventStreams = Atomic(0)

    /// Creates zeroed statistics.
    public init() {}

    /// Client connections open now.
    public var connections: Int { openConnections.load(ordering: .relaxed) }
    /// Clients following `GET /v1/events` now.
    public var eventSubscribers: Int { openEventStreams.load(ordering: .relaxed) }

    func connectionOpened() -> Int { openConnections.add(1, ordering: .relaxed).newValue }
    func connectionClosed() { openConnections.subtract(1, ordering: .relaxed) }
    func eventStreamOpened() { openEventStreams.add(1, ordering: .relaxed) }
    func eventStreamClosed() { openEventStreams.subtract(1, ordering: .relaxed) }
}
