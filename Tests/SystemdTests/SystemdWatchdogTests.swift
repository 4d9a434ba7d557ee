import TestSupport
import Glibc
import Systemd
import Testing

extension ProcessWideStateTests {
    /// `SystemdWatchdog.fromEnvironment()` with `WATCHDOG_USEC` and `WATCHDOG_PID` set by the test.
    @Suite struct SystemdWatchdogTests {
        @Test func enabledForThisProcess() throws {
            let environment = ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": String(getpid())]
            try ProcessEnvironment.with(environment) {
                let watchdog = try #require(try SystemdWatchdog.fromEnvironment())
                #expect(watchdog.interval == .seconds(30))
                #expect(watchdog.recommendedPingInterval == .seconds(15))
            }
        }

        @Test func enabledWithoutPidRestriction() throws {
            try ProcessEnvironment.with(["WATCHDOG_USEC": "1500", "WATCHDOG_PID": nil]) {
                let watchdog = try SystemdWatchdog.fromEnvironment()
                #expect(watchdog?.interval == .microseconds(1_500))
            }
        }

        @Test func meantForAnotherProcess() throws {
            try #require(getpid() != 1)
            try ProcessEnvironment.with(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"]) {
                let watchdog = try SystemdWatchdog.fromEnvironment()
                #expect(watchdog == nil)
            }
        }

        @Test func disabledWithoutEnvironment() throws {
            try ProcessEnvironment.with(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
                let watchdog = try SystemdWatchdog.fromEnvironment()
                #expect(watchdog == nil)
            }
        }

        @Test func malformedIntervalThrows() throws {
            try ProcessEnvironment.with(["WATCHDOG_USEC": "soon", "WATCHDOG_PID": String(getpid())]) {
                let error = try #require(throws: SystemdError.self) { try SystemdWatchdog.fromEnvironment() }
                #expect(error.code == .watchdogQueryFailed)
                #expect(error.errno == EINVAL)
            }
        }
    }
}
