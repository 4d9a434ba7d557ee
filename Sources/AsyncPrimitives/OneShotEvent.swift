import Synchronization

/// An event that happens once; tasks that wait before it happens resume when it does.
public final class OneShotEvent: Sendable {
    private struct State {
        var happened = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var cancellableWaiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var cancelledBeforeWaiting: Set<Int> = []
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Creates an event that has not happened.
    public init() {}

    /// Marks the event as happened and resumes every waiter.
    public func signal() {
        let (waiters, cancellable) = state.withLock { state in
            guard !state.happened else { return ([CheckedContinuation<Void, Never>](), [CheckedContinuation<Bool, Never>]()) }
            state.happened = true
            defer {
                state.waiters.removeAll()
                state.cancellableWaiters.removeAll()
            }
            return (state.waiters, Array(state.cancellableWaiters.values))
        }
        for waiter in waiters { waiter.resume() }
        for waiter in cancellable { waiter.resume(returning: true) }
    }

    /// Returns true once the event has happened, or false as soon as the task is cancelled.
    public func waitUnlessCancelled() async -> Bool {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let answer = state.withLock { state -> Bool? in
                    if state.happened { return true }
                    if state.cancelledBeforeWaiting.remove(id) != nil { return false }
                    state.cancellableWaiters[id] = continuation
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                let waiter = state.cancellableWaiters.removeValue(forKey: id)
                if waiter == nil, !state.happened { state.cancelledBeforeWaiting.insert(id) }
                return waiter
            }
            waiter?.resume(returning: false)
        }
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
