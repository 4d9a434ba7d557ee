public import AgentCore
public import Logging
import Synchronization
import ThreadSupport

/// Follows udev on a dedicated thread and hands out plain values.
///
/// One OS thread owns every libudev pointer. It enumerates the selected ttys at start, then
/// blocks in `poll` on the netlink monitor and a wake-up pipe, so it costs nothing while idle
/// and is never blocked by the rest of the daemon. It follows the `udev` netlink group when
/// systemd-udevd runs and the `kernel` group otherwise, and re-checks that choice at every rescan.
/// On a receive-buffer overrun (`ENOBUFS`) it rescans. Use it through
/// ``withUdevMonitor(configuration:logger:_:)``.
public final class UdevMonitor: Sendable {
    /// How the monitor selects and receives.
    public struct Configuration: Sendable, Hashable {
        /// Which ttys are listed.
        public var selection: TTYSelection
        /// The netlink socket's receive buffer in bytes, or nil for the kernel default.
        public var receiveBufferSize: Int?

        /// Creates a configuration.
        public init(selection: TTYSelection = TTYSelection(), receiveBufferSize: Int? = 4 << 20) {
            self.selection = selection
            self.receiveBufferSize = receiveBufferSize
        }
    }

    /// What the monitor produces, in order.
    public enum Output: Sendable {
        /// A rescan's result.
        case snapshot(UdevSnapshot)
        /// One event for a selected tty. An `add`/`change` for a tty that no longer passes the
        /// selection arrives as `remove`.
        case event(UdevDevice)
    }

    let commands: UdevCommandQueue
    private let counters = Counters()

    init(commands: UdevCommandQueue) {
        self.commands = commands
    }

    /// Asks for a rescan of every tty, or of one kernel name; its ``UdevSnapshot`` carries `requestID`.
    public func rescan(device: String? = nil, reason: RescanReason, requestID: UInt64? = nil) {
        commands.push(.rescan(device: device, reason: reason, requestID: requestID))
    }

    /// Changes which ttys are listed; a full rescan follows.
    public func select(_ selection: TTYSelection) {
        commands.push(.select(selection))
    }

    /// tty events received from the netlink socket since start.
    public var eventsReceived: UInt64 { counters.events.load(ordering: .relaxed) }
    /// Receive-buffer overruns since start.
    public var overruns: UInt64 { counters.overruns.load(ordering: .relaxed) }
    /// The event source currently followed.
    public var source: UdevSource {
        switch counters.source.load(ordering: .relaxed) {
        case 1: .udev
        case 2: .kernel
        default: .none
        }
    }

    func countEvent() { counters.events.add(1, ordering: .relaxed) }
    func countOverrun() { counters.overruns.add(1, ordering: .relaxed) }
    func setSource(_ source: UdevSource) {
        counters.source.store(source == .udev ? 1 : source == .kernel ? 2 : 0, ordering: .relaxed)
    }

    private final class Counters: Sendable {
        let events = Atomic<UInt64>(0)
        let overruns = Atomic<UInt64>(0)
        let source = Atomic<Int>(0)
    }
}

/// Runs `body` with a started ``UdevMonitor`` and its ordered output, and stops the monitor's
/// thread when `body` returns or throws.
///
/// The first output is the start-up snapshot. The output stream buffers boundedly; if the
/// reader falls behind, the thread rescans once the reader catches up instead of growing.
public func withUdevMonitor<Result: Sendable>(
    configuration: UdevMonitor.Configuration,
    logger: Logger,
    _ body: (UdevMonitor, AsyncStream<UdevMonitor.Output>) async throws -> Result
) async throws -> Result {
    let commands: UdevCommandQueue
    do { commands = try UdevCommandQueue() } catch { throw UdevError(.threadUnavailable, errno: error.errno) }
    let monitor = UdevMonitor(commands: commands)
    let (outputs, continuation) = AsyncStream.makeStream(
        of: UdevMonitor.Output.self, bufferingPolicy: .bufferingOldest(UdevWorker.outputBufferLimit))
    let context = try UdevContext()
    do {
        try PosixThread.detach {
            UdevWorker(
                context: context, monitor: monitor, configuration: configuration,
                output: continuation, logger: logger
            ).run()
        }
    } catch {
        throw UdevError(.threadUnavailable, errno: error.errno)
    }
    defer { commands.push(.stop) }
    return try await body(monitor, outputs)
}
