import Glibc
import Systemd
import Testing

/// Rendering of notification states, without sending anything.
@Suite struct SystemdNotifierStateTests {
    @Test func messageJoinsAssignmentsWithNewlines() {
        let message = SystemdNotifier.message(for: [.reloading(monotonicMicroseconds: 7), .status("reloading")])
        #expect(message == "RELOADING=1\nMONOTONIC_USEC=7\nSTATUS=reloading")
    }

    @Test func reloadingNowUsesTheMonotonicClock() throws {
        let before = Self.monotonicMicroseconds()
        let state = SystemdNotifier.State.reloadingNow()
        let after = Self.monotonicMicroseconds()
        guard case .reloading(let stamp) = state else {
            Issue.record("expected .reloading, got \(state)")
            return
        }
        #expect((before...after).contains(stamp))
        #expect(state.assignments == ["RELOADING=1", "MONOTONIC_USEC=\(stamp)"])
    }

    @Test func statusKeepsOrdinaryText() {
        #expect(SystemdNotifier.State.status("3 boards: a=b, ü ok").assignments == ["STATUS=3 boards: a=b, ü ok"])
    }

    @Test func mainPIDAndErrnoAreDecimal() {
        #expect(SystemdNotifier.message(for: [.mainPID(1), .errno(110)]) == "MAINPID=1\nERRNO=110")
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
