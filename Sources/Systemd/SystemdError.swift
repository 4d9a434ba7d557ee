import Glibc

/// An error of a service-manager protocol (notify, socket activation, watchdog, journal), carrying its `errno`.
///
/// Each ``Code`` names the operation that failed; ``description`` adds the system's text for ``errno`` and a hint
/// about what to check next.
public struct SystemdError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The operation that failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case notifyFailed
            case watchdogQueryFailed
            case listenDescriptorsFailed
            case descriptorSetupFailed
            case journalSendFailed
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// `sd_notify` could not deliver a state update to the service manager.
        public static let notifyFailed = Code(.notifyFailed)
        /// `sd_watchdog_enabled` rejected the `WATCHDOG_USEC`/`WATCHDOG_PID` environment.
        public static let watchdogQueryFailed = Code(.watchdogQueryFailed)
        /// `sd_listen_fds_with_names` rejected the `LISTEN_FDS`/`LISTEN_PID`/`LISTEN_FDNAMES` environment.
        public static let listenDescriptorsFailed = Code(.listenDescriptorsFailed)
        /// An inherited socket descriptor could not be prepared (for example, setting `FD_CLOEXEC` failed).
        public static let descriptorSetupFailed = Code(.descriptorSetupFailed)
        /// `sd_journal_sendv` could not hand a record to the journal.
        public static let journalSendFailed = Code(.journalSendFailed)

        /// A short name for the failed operation.
        public var description: String {
            switch self.base {
            case .notifyFailed: "notify failed"
            case .watchdogQueryFailed: "watchdog query failed"
            case .listenDescriptorsFailed: "socket activation failed"
            case .descriptorSetupFailed: "descriptor setup failed"
            case .journalSendFailed: "journal send failed"
            }
        }

        /// What an operator should check when this error occurs.
        public var remedy: String {
            switch self.base {
            case .notifyFailed:
                "check that NOTIFY_SOCKET names a datagram socket owned by the service manager and writable by "
                    + "this process"
            case .watchdogQueryFailed:
                "check that WATCHDOG_USEC is a positive number of microseconds and WATCHDOG_PID a process id"
            case .listenDescriptorsFailed:
                "check that LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES come from the service manager and agree "
                    + "with each other"
            case .descriptorSetupFailed:
                "check the unit's socket configuration: the inherited descriptor is not usable"
            case .journalSendFailed:
                "check that systemd-journald is running and /run/systemd/journal/socket is writable"
            }
        }
    }

    /// The operation that failed.
    public let code: Code
    /// The positive `errno` value reported by the failing call.
    public let errno: Int32
    /// Context for the failure, such as the state that was being sent.
    public let detail: String

    /// Creates an error for `code` with a positive `errno` value and optional context.
    public init(code: Code, errno: Int32, detail: String = "") {
        self.code = code
        self.errno = errno
        self.detail = detail
    }

    /// Creates an error from a negative return value (`-errno`) of CSystemd.
    init(code: Code, returnValue: Int32, detail: String = "") {
        self.init(code: code, errno: -returnValue, detail: detail)
    }

    /// A one-line explanation: operation, context, system error text, errno and remedy.
    public var description: String {
        let context = self.detail.isEmpty ? "" : " (\(self.detail))"
        let reason = strerror(self.errno).map { String(cString: $0) } ?? "unknown error"
        return "\(self.code)\(context): \(reason) [errno \(self.errno)]; \(self.code.remedy)"
    }
}
