extension SystemdNotifier {
    /// One state assignment understood by the service manager (see `sd_notify(3)`).
    public enum State: Hashable, Sendable {
        /// `READY=1`: start-up finished; the service manager now considers the unit active.
        case ready
        /// `RELOADING=1` with `MONOTONIC_USEC`, the `CLOCK_MONOTONIC` time in microseconds when reloading began.
        ///
        /// systemd 253 and later require the timestamp for `Type=notify-reload`; older versions ignore it.
        /// Use ``reloadingNow()`` to stamp the current time. Send ``ready`` when the reload has finished.
        case reloading(monotonicMicroseconds: UInt64)
        /// `STOPPING=1`: the service is shutting down.
        case stopping
        /// `STATUS=…`: a one-line, human-readable status shown by `systemctl status`.
        ///
        /// Line breaks and NUL characters would break the protocol, so they are replaced by spaces.
        case status(String)
        /// `WATCHDOG=1`: keep-alive ping for `WatchdogSec=`; see ``SystemdWatchdog``.
        case watchdog
        /// `MAINPID=…`: the process id the service manager should treat as the main process.
        case mainPID(Int32)
        /// `ERRNO=…`: the `errno`-style error code the service failed with.
        case errno(Int32)

        /// ``reloading(monotonicMicroseconds:)`` stamped with the current `CLOCK_MONOTONIC` time.
        public static func reloadingNow() -> State {
            .reloading(monotonicMicroseconds: MonotonicTime.nowMicroseconds())
        }

        /// The `NAME=value` lines this state contributes to a notification datagram.
        public var assignments: [String] {
            switch self {
            case .ready:
                ["READY=1"]
            case .reloading(let microseconds):
                ["RELOADING=1", "MONOTONIC_USEC=\(microseconds)"]
            case .stopping:
                ["STOPPING=1"]
            case .status(let text):
                ["STATUS=\(Self.singleLine(text))"]
            case .watchdog:
                ["WATCHDOG=1"]
            case .mainPID(let pid):
                ["MAINPID=\(pid)"]
            case .errno(let code):
                ["ERRNO=\(code)"]
            }
        }

        /// `text` with every character that would end the assignment early replaced by a space.
        private static func singleLine(_ text: String) -> String {
            String(text.map { $0.isNewline || $0 == "\0" ? " " : $0 })
        }
    }
}
