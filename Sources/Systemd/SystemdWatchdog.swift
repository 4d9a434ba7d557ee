import CSystemd

/// The service watchdog configured by `WatchdogSec=` (see `sd_watchdog_enabled(3)`).
///
/// When enabled, the service manager expects ``SystemdNotifier/State/watchdog`` at least once per ``interval``
/// and kills the service otherwise. Ping every ``recommendedPingInterval`` to leave room for scheduling delays.
public struct SystemdWatchdog: Hashable, Sendable {
    /// The deadline between two keep-alive pings (`WATCHDOG_USEC`).
    public let interval: Duration

    /// Half of ``interval``, the ping period `sd_watchdog_enabled(3)` recommends.
    public var recommendedPingInterval: Duration {
        self.interval / 2
    }

    /// Creates a watchdog description with the given deadline.
    public init(interval: Duration) {
        self.interval = interval
    }

    /// The watchdog configured for this process, or `nil` when none is.
    ///
    /// Reads `WATCHDOG_USEC` and `WATCHDOG_PID`; the watchdog counts as enabled only when `WATCHDOG_PID` is unset
    /// or names this process. The environment is left unchanged.
    ///
    /// - Throws: ``SystemdError`` with code ``SystemdError/Code/watchdogQueryFailed`` when the variables are
    ///   malformed.
    public static func fromEnvironment() throws(SystemdError) -> SystemdWatchdog? {
        var microseconds: UInt64 = 0
        let result = pio_sd_watchdog_enabled(0, &microseconds)
        if result < 0 {
            throw SystemdError(code: .watchdogQueryFailed, returnValue: result)
        }
        guard result > 0 else {
            return nil
        }
        return SystemdWatchdog(interval: .microseconds(microseconds))
    }
}
