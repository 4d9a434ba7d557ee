import Synchronization

/// Bounds the publishes in flight: `acquire` waits while the window is full.
final class PublishWindow: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Bool, Never>] = []
        var closed = false
    }

    private let state: Mutex<State>

    init(size: Int) {
        state = Mutex(State(available: max(size, 1)))
    }

    /// Takes a slot, waiting for one; false when the window was closed.
    func acquire() async -> Bool {
        await withCheckedContinuation { continuation in
            let granted = state.withLock { state -> Bool? in
                if state.closed { return false }
                if state.available > 0 {
                    state.available -= 1
                    return true
                }
                state.waiters.append(continuation)
                return nil
            }
            if let granted { continuation.resume(returning: granted) }
        }
    }

    /// Returns a slot, handing it straight to the longest waiter.
    func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.available += 1
            return nil
        }
        waiter?.resume(returning: true)
    }

    /// Refuses every waiter and every later `acquire`.
    func close() {
        let waiters = state.withLock { state in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: false) }
    }
}
