import TestSupport
import Glibc
import Systemd
import Testing

extension ProcessWideStateTests {
    /// Socket activation in this process (environment only) and in a probe started by `systemd-socket-activate`.
    @Suite struct SocketActivationTests {
        static let socketActivate = "/usr/bin/systemd-socket-activate"

        @Test func withoutActivationNothingIsAdopted() throws {
            let unset: [String: String?] = ["LISTEN_FDS": nil, "LISTEN_PID": nil, "LISTEN_FDNAMES": nil]
            try ProcessEnvironment.with(unset) {
                let activation = try SocketActivation.adoptFromEnvironment()
                #expect(activation.sockets.isEmpty)
            }
        }

        @Test func malformedEnvironmentThrowsWithErrno() throws {
            // LISTEN_FDS is rejected before any descriptor is touched, so this process's fd 3 stays untouched.
            let environment = ["LISTEN_FDS": "many", "LISTEN_PID": String(getpid()), "LISTEN_FDNAMES": "control"]
            try ProcessEnvironment.with(environment) {
                let error = try #require(throws: SystemdError.self) { try SocketActivation.adoptFromEnvironment() }
                #expect(error.code == .listenDescriptorsFailed)
                #expect(error.errno == EINVAL)
            }
        }

        @Test func probeAdoptsTheControlSocketFromSystemdSocketActivate() throws {
            try SystemTestPolicy.requireTool(Self.socketActivate, package: "systemd")
            let probe = try TestBinaries.path(of: "systemd-activation-probe")
            let directory = try TemporaryDirectory(prefix: "activation")
            defer { directory.remove() }
            let socketPath = directory.file("control.sock")

            let child = try ChildProcess.spawn(
                Self.socketActivate,
                arguments: ["-l", socketPath, "--fdname=control", probe],
                environment: ["PATH=/usr/bin:/bin"]
            )
            defer {
                child.terminate()
                child.closeOutput()
            }
            // systemd-socket-activate reports on stderr once it listens; connecting earlier could race the bind.
            let banner = try child.read(child.standardError) { $0.contains("Listening on") }
            try #require(banner.contains("Listening on \(socketPath) as 3."), "unexpected banner: \(banner)")

            let connection = try UnixSocket.connectedStream(to: socketPath)
            defer { connection.close() }
            let answer = String(decoding: try connection.readToEnd(), as: UTF8.self)
            #expect(answer == "3=control:cloexec=1\n")

            let printed = try child.read(child.standardOutput)
            #expect(printed == "3=control:cloexec=1\n")
            #expect(try child.waitForExit() == 0)
        }
    }
}
