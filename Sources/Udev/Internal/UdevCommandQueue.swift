import CLinuxShims
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Requests from the async world to the udev thread: a locked list plus a self-pipe that wakes
/// the thread's `poll`.
final class UdevCommandQueue: Sendable {
    enum Command: Sendable {
        case rescan(device: String?, reason: RescanReason, requestID: UInt64?)
        case select(TTYSelection)
        case stop
    }

    private let pending = Mutex<[Command]>([])
    /// The pipe's read end, polled by the thread.
    let wakeDescriptor: Int32
    private let signalDescriptor: Int32

    init() throws(UdevError) {
        var descriptors: [Int32] = [-1, -1]
        guard pio_pipe_nonblocking(&descriptors) == 0 else { throw UdevError(.threadUnavailable, errno: errno) }
        wakeDescriptor = descriptors[0]
        signalDescriptor = descriptors[1]
    }

    deinit {
        close(wakeDescriptor)
        close(signalDescriptor)
    }

    func push(_ command: Command) {
        pending.withLock { $0.append(command) }
        var byte: UInt8 = 1
        // A full pipe already guarantees a wake-up, so EAGAIN is fine to ignore.
        _ = write(signalDescriptor, &byte, 1)
    }

    /// Takes every queued command, emptying the pipe first so no wake-up is lost.
    func drain() -> [Command] {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(wakeDescriptor, &sink, sink.count) > 0 {}
        return pending.withLock { commands in
            defer { commands.removeAll() }
            return commands
        }
    }
}
