import CLinuxShims
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Requests from the async world to a thread that blocks in `poll`: a locked list plus a
/// self-pipe whose read end the thread polls.
public final class ThreadCommandQueue<Command: Sendable>: Sendable {
    private struct Pending {
        var commands: [Command] = []
        var closed = false
    }

    private let pending = Mutex(Pending())
    /// The pipe's read end, for the thread's `poll`.
    public let wakeDescriptor: Int32
    private let signalDescriptor: Int32

    /// Creates the queue and its pipe.
    public init() throws(ThreadStartError) {
        var descriptors: [Int32] = [-1, -1]
        guard pio_pipe_nonblocking(&descriptors) == 0 else { throw ThreadStartError(errno: errno) }
        wakeDescriptor = descriptors[0]
        signalDescriptor = descriptors[1]
    }

    deinit {
        Glibc.close(wakeDescriptor)
        Glibc.close(signalDescriptor)
    }

    /// Queues a command and wakes the thread; false (and nothing queued) once the queue is closed.
    @discardableResult
    public func push(_ command: Command) -> Bool {
        let queued = pending.withLock { pending -> Bool in
            guard !pending.closed else { return false }
            pending.commands.append(command)
            return true
        }
        guard queued else { return false }
        var byte: UInt8 = 1
        // A full pipe already guarantees a wake-up, so EAGAIN is fine to ignore.
        _ = write(signalDescriptor, &byte, 1)
        return true
    }

    /// Takes every queued command, emptying the pipe first so no wake-up is lost.
    public func drain() -> [Command] {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(wakeDescriptor, &sink, sink.count) > 0 {}
        return pending.withLock { pending in
            defer { pending.commands.removeAll() }
            return pending.commands
        }
    }

    /// Refuses every later command and returns those still queued; the thread calls it as it ends.
    public func close() -> [Command] {
        pending.withLock { pending in
            pending.closed = true
            defer { pending.commands.removeAll() }
            return pending.commands
        }
    }
}
