import Glibc
import Synchronization

/// Collects what a child process writes (or the datagrams a socket receives) on a thread of its
/// own, so the writer never blocks on a full pipe, and lets tests await text as an event.
public final class OutputRecorder: Sendable {
    private struct Waiter {
        let predicate: @Sendable (String) -> Bool
        let continuation: CheckedContinuation<String, any Error>
    }

    private struct State {
        var text = ""
        var ended = false
        /// Whether the descriptor is still open; only changed under the lock, so that ``stop()``
        /// never touches a number the reading thread has closed (and the system may have reused).
        var descriptorOpen = true
        var nextID = 0
        var waiters: [Int: Waiter] = [:]
    }

    private let state = Mutex(State())
    private let stopped = Atomic(false)
    private let label: String
    private let descriptor: Int32

    /// Starts recording from `descriptor`, which the recorder then owns and closes at end of stream.
    /// - Parameter datagrams: read whole datagrams (`recv`) and record each on its own line.
    public init(reading descriptor: Int32, label: String, datagrams: Bool = false) throws {
        self.label = label
        self.descriptor = descriptor
        let recorder = self
        try startThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while !recorder.stopped.load(ordering: .acquiring) {
                let count = buffer.withUnsafeMutableBytes {
                    datagrams ? recv(descriptor, $0.baseAddress, $0.count, 0) : read(descriptor, $0.baseAddress, $0.count)
                }
                if count < 0 && errno == EINTR { continue }
                if count < 0 || (count == 0 && !datagrams) { break }
                guard count > 0 else { continue }
                var text = String(decoding: buffer[..<count], as: UTF8.self)
                if datagrams { text += "\n" }
                recorder.append(text)
            }
            recorder.state.withLock { state in
                close(descriptor)
                state.descriptorOpen = false
            }
            recorder.end()
        }
    }

    /// Stops recording a socket that never ends by itself (a datagram listener).
    public func stop() {
        stopped.store(true, ordering: .releasing)
        state.withLock { state in
            if state.descriptorOpen { shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    /// Everything recorded so far.
    public var text: String { state.withLock { $0.text } }

    /// Waits until the recorded text satisfies `predicate` and returns it; fails after `timeout` or
    /// when the stream ends first.
    @discardableResult
    public func wait(
        timeout: Duration = .seconds(10), until predicate: @escaping @Sendable (String) -> Bool
    ) async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await self.waitWithoutTimeout(predicate) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TestFailure("\(self.label): nothing matching within \(timeout); recorded so far:\n\(self.text)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Waits until the recorded text contains `fragment`.
    @discardableResult
    public func wait(for fragment: String, timeout: Duration = .seconds(10)) async throws -> String {
        try await wait(timeout: timeout) { $0.contains(fragment) }
    }

    private func waitWithoutTimeout(_ predicate: @escaping @Sendable (String) -> Bool) async throws -> String {
        let id = state.withLock { state -> Int in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate: Result<String, any Error>? = state.withLock { state in
                    if predicate(state.text) { return .success(state.text) }
                    if state.ended { return .failure(TestFailure("\(label) ended; recorded:\n\(state.text)")) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[id] = Waiter(predicate: predicate, continuation: continuation)
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func append(_ text: String) {
        let ready = state.withLock { state -> [(CheckedContinuation<String, any Error>, String)] in
            state.text += text
            let matched = state.waiters.filter { $0.value.predicate(state.text) }
            for id in matched.keys { state.waiters[id] = nil }
            return matched.values.map { ($0.continuation, state.text) }
        }
        for (continuation, text) in ready { continuation.resume(returning: text) }
    }

    private func end() {
        let waiters = state.withLock { state -> ([Waiter], String) in
            state.ended = true
            defer { state.waiters.removeAll() }
            return (Array(state.waiters.values), state.text)
        }
        for waiter in waiters.0 {
            waiter.continuation.resume(throwing: TestFailure("\(label) ended; recorded:\n\(waiters.1)"))
        }
    }
}

