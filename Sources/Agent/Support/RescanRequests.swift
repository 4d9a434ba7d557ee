import AgentCore
import ControlAPI
import Inventory
import Synchronization

/// Callers waiting for a rescan they asked for; the udev source answers them in event order.
final class RescanRequests: Sendable {
    private struct State {
        var nextID: UInt64 = 1
        var waiting: [UInt64: CheckedContinuation<Result<InventoryChanges, ControlAPIError>, Never>] = [:]
        var closed = false
    }

    private let state = Mutex(State())

    /// Registers a waiter, runs `start` with its id, and returns the rescan's changes.
    func perform(_ start: (UInt64) -> Void) async -> Result<InventoryChanges, ControlAPIError> {
        await withCheckedContinuation { continuation in
            let id = state.withLock { state -> UInt64? in
                guard !state.closed else { return nil }
                defer { state.nextID += 1 }
                state.waiting[state.nextID] = continuation
                return state.nextID
            }
            guard let id else {
                continuation.resume(returning: .failure(.unavailable("the agent is shutting down")))
                return
            }
            start(id)
        }
    }

    /// Answers the waiters with these ids.
    func resolve(_ ids: [UInt64], with result: Result<InventoryChanges, ControlAPIError>) {
        let waiters = state.withLock { state in ids.compactMap { state.waiting.removeValue(forKey: $0) } }
        for waiter in waiters { waiter.resume(returning: result) }
    }

    /// Fails every waiter and every later request, as when the udev thread stops.
    func close(reason: String) {
        let waiters = state.withLock { state in
            state.closed = true
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for waiter in waiters { waiter.resume(returning: .failure(.unavailable(reason))) }
    }
}
