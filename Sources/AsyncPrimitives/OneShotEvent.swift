import Synchronization

/// An event that happens once; tasks that wait before it happens resume when it does.
public final class OneShotEvent: Sendable {
    private struct State {
        var happened = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Creates an event that has not happened.
    public init() {}

    /// Marks the event as happened and resumes every waiter.
    public func signal() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.happened else { return [] }
            state.happened = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the event has happened.
    public func wait() async {
        await withCheckedContinuation { continuation in
            let happened = state.withLock { state in
                if !state.happened { state.waiters.append(continuation) }
                return state.happened
            }
            if happened { continuation.resume() }
        }
    }
}
