import AgentCore
import Synchronization

/// The inventory's live subscriptions, behind a lock so that a stream's termination handler can
/// unregister it synchronously from any thread.
final class Subscribers: Sendable {
    private struct Entry {
        let continuation: AsyncStream<InventoryEvent>.Continuation
        let overflow: OverflowFlag
    }

    private struct State {
        var nextID = 0
        var entries: [Int: Entry] = [:]
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.entries.count } }

    func add(first event: InventoryEvent, bufferLimit: Int) -> InventorySubscription {
        let (stream, continuation) = AsyncStream.makeStream(
            of: InventoryEvent.self, bufferingPolicy: .bufferingOldest(bufferLimit))
        let overflow = OverflowFlag()
        continuation.yield(event)
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.entries[state.nextID] = Entry(continuation: continuation, overflow: overflow)
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.entries.removeValue(forKey: id) }
        }
        return InventorySubscription(stream: stream, overflowFlag: overflow)
    }

    func broadcast(_ event: InventoryEvent) {
        let entries = state.withLock { Array($0.entries.values) }
        for entry in entries {
            if case .dropped = entry.continuation.yield(event) {
                entry.overflow.set()
                entry.continuation.finish()
            }
        }
    }

    func finishAll() {
        let entries = state.withLock { Array($0.entries.values) }
        for entry in entries { entry.continuation.finish() }
    }
}
