import TestSupport
import Glibc
import Systemd
import Testing

extension ProcessWideStateTests {
    /// `SystemdNotifier` against a fake service manager: a datagram socket that `NOTIFY_SOCKET` points at.
    @Suite struct SystemdNotifierTests {
        @Test func readyArrivesAsItsOwnDatagram() throws {
            try Self.withFakeServiceManager { manager in
                let sent = try SystemdNotifier().notify(.ready)
                #expect(sent)
                #expect(try Self.text(manager.receiveDatagram()) == "READY=1")
            }
        }

        @Test func severalStatesShareOneDatagram() throws {
            try Self.withFakeServiceManager { manager in
                try SystemdNotifier().notify(.ready, .status("watching 2 boards"), .mainPID(4242))
                let datagram = try Self.text(manager.receiveDatagram())
                #expect(datagram == "READY=1\nSTATUS=watching 2 boards\nMAINPID=4242")
            }
        }

        @Test(
            "every state is sent with its exact assignment text",
            arguments: [
                (SystemdNotifier.State.stopping, "STOPPING=1"),
                (.watchdog, "WATCHDOG=1"),
                (.errno(EIO), "ERRNO=5"),
                (.reloading(monotonicMicroseconds: 123_456), "RELOADING=1\nMONOTONIC_USEC=123456"),
                (.status("line one\nline two\r\nthree\0four"), "STATUS=line one line two three four"),
            ]
        )
        func stateIsSentVerbatim(state: SystemdNotifier.State, expected: String) throws {
            try Self.withFakeServiceManager { manager in
                try SystemdNotifier().notify([state])
                #expect(try Self.text(manager.receiveDatagram()) == expected)
            }
        }

        @Test func isEnabledFollowsNotifySocket() throws {
            try Self.withFakeServiceManager { _ in
                #expect(SystemdNotifier().isEnabled)
            }
            ProcessEnvironment.with(["NOTIFY_SOCKET": nil]) {
                #expect(!SystemdNotifier().isEnabled)
            }
        }

        @Test func withoutNotifySocketNothingIsSent() throws {
            try ProcessEnvironment.with(["NOTIFY_SOCKET": nil]) {
                let sent = try SystemdNotifier().notify(.ready, .status("idle"))
                #expect(!sent)
            }
        }

        @Test func noStatesSendNothing() throws {
            try Self.withFakeServiceManager { _ in
                let sent = try SystemdNotifier().notify([])
                #expect(!sent)
            }
        }

        @Test func unreachableManagerThrowsWithErrno() throws {
            let directory = try TemporaryDirectory(prefix: "notify")
            defer { directory.remove() }
            try ProcessEnvironment.with(["NOTIFY_SOCKET": directory.file("missing.sock")]) {
                let error = try #require(throws: SystemdError.self) {
                    try SystemdNotifier().notify(.ready, .status("secret text"))
                }
                #expect(error.code == .notifyFailed)
                #expect(error.errno == ENOENT)
                #expect(error.detail == "READY,STATUS")
                #expect(error.description.contains("NOTIFY_SOCKET"))
            }
        }

        /// Runs `body` with `NOTIFY_SOCKET` naming a fresh datagram socket, which `body` receives.
        private static func withFakeServiceManager(_ body: (UnixSocket) throws -> Void) throws {
            let directory = try TemporaryDirectory(prefix: "notify")
            defer { directory.remove() }
            let manager = try UnixSocket.boundDatagram(at: directory.file("notify.sock"))
            defer { manager.close() }
            try ProcessEnvironment.with(["NOTIFY_SOCKET": directory.file("notify.sock")]) {
                try body(manager)
            }
        }

        private static func text(_ bytes: [UInt8]) -> String {
            String(decoding: bytes, as: UTF8.self)
        }
    }
}
