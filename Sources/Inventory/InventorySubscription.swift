public import AgentCore
import Synchronization

/// A stream of inventory events: a snapshot first, then every change in order.
///
/// The stream buffers a bounded number of events for a slow reader. When the reader falls
/// further behind, the stream ends and ``overflowed`` becomes true: events are never dropped
/// silently from the middle of a stream.
public struct InventorySubscription: AsyncSequence, Sendable {
    /// The event type.
    public typealias Element = InventoryEvent

    let stream: AsyncStream<InventoryEvent>
    let overflowFlag: OverflowFlag

    /// Whether the stream ended because its reader fell more than its buffer behind.
    public var overflowed: Bool { overflowFlag.isSet }

    /// Returns the stream's iterator.
    public func makeAsyncIterator() -> AsyncStream<InventoryEvent>.Iterator {
        stream.makeAsyncIterator()
    }
}

/// A flag set once, when a subscription overflows.
final class OverflowFlag: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}
