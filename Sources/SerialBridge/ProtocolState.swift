import AsyncPrimitives
import RFC2217
import Synchronization

/// What both directions of one bridge connection share: the RFC 2217 server, whether the
/// client suspended the data it receives, and when a break began.
final class ProtocolState: Sendable {
    /// The protocol's state machine.
    let server: Mutex<RFC2217Server>
    private let flow = Mutex((suspended: false, breakStarted: ContinuousClock.Instant?.none))
    private let resumed = WakeSignal()

    init(server: RFC2217Server) {
        self.server = Mutex(server)
    }

    /// FLOWCONTROL-SUSPEND (`true`) or -RESUME.
    func setSuspended(_ suspended: Bool) {
        flow.withLock { $0.suspended = suspended }
        if !suspended { resumed.wake() }
    }

    /// Returns once the client has not suspended the data it receives, or on cancellation.
    func waitWhileSuspended() async {
        while flow.withLock({ $0.suspended }), !Task.isCancelled {
            await resumed.sleep(timeout: nil)
        }
    }

    /// The client put the line in break.
    func startBreak() {
        flow.withLock { $0.breakStarted = .now }
    }

    /// The client released the break: how long it was held, or nil if it was not.
    func endBreak() -> Duration? {
        flow.withLock { flow in
            defer { flow.breakStarted = nil }
            return flow.breakStarted.map { .now - $0 }
        }
    }
}
