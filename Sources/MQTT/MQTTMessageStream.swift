import Synchronization

/// Received messages, in order, for one reader. The buffer behind it is bounded both in
/// messages and in payload bytes; the client drops (and counts) what would exceed either.
public struct MQTTMessageStream: AsyncSequence, Sendable {
    /// The element type.
    public typealias Element = MQTTMessage

    let stream: AsyncStream<MQTTMessage>
    let buffered: BufferedBytes

    /// Returns the stream's iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator(), buffered: buffered)
    }

    /// Reads messages and gives their bytes back to the buffer budget.
    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncStream<MQTTMessage>.Iterator
        let buffered: BufferedBytes

        /// The next message, or nil once the client has stopped (or the task is cancelled).
        public mutating func next() async -> MQTTMessage? {
            guard let message = await base.next() else { return nil }
            buffered.release(message.payload.count)
            return message
        }
    }
}

/// The payload bytes received and not yet read.
final class BufferedBytes: Sendable {
    private let count = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Reserves `size` bytes; false when that would pass the limit.
    func reserve(_ size: Int) -> Bool {
        var current = count.load(ordering: .relaxed)
        while current + size <= limit {
            let (exchanged, original) = count.compareExchange(
                expected: current, desired: current + size, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func release(_ size: Int) { count.subtract(size, ordering: .acquiringAndReleasing) }
}
