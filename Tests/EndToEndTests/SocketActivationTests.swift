import AgentCore
import ControlClient
import Glibc
import TestSupport
import Testing

/// The daemon adopts the socket systemd passes (`pio-agentd.socket`), here through systemd's own
/// `systemd-socket-activate`.
@Suite struct SocketActivationTests {
    static let socketActivate = "/usr/bin/systemd-socket-activate"

    @Test func itAdoptsTheSocketNamedControl() async throws {
        try SystemTestPolicy.requireTool(Self.socketActivate, package: "systemd")
        let directory = try TemporaryDirectory(prefix: "activation")
        defer { directory.remove() }
        try directory.write(
            "agent.toml", "[devices]\ninclude = []\n[mdns]\nenabled = false\n[control]\nsocket = \"/nonexistent/unused.sock\"\n")
        let socketPath = directory.file("control.sock")
        let child = try ChildProcess.spawn(
            Self.socketActivate,
            arguments: ["-l", socketPath, "--fdname=control", try TestBinaries.path(of: "pio-agentd"), "--config", directory.file("agent.toml")],
            environment: TestEnvironment.environment(["NOTIFY_SOCKET": nil, "LISTEN_FDS": nil]))
        defer { child.terminate() }
        let log = try OutputRecorder(reading: child.standardError, label: "socket-activate")
        try await log.wait(for: "Listening on \(socketPath)")
        // The first connection starts the daemon, which answers on the adopted socket.
        let client = ControlClient(socketPath: socketPath)
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.control.socketActivated)
        #expect(status.control.socket == socketPath)
        #expect(status.agent.pid == child.pid)
        kill(child.pid, SIGTERM)
        #expect(try await blocking { try child.waitForExit() } == 0)
        // systemd owns an activated socket; the daemon leaves its file alone.
        #expect(Files.exists(socketPath))
    }
}
