import AgentCore
import Glibc
import TestSupport
import Testing

/// The `pioctl` executable against a running daemon, and against none.
@Suite struct PioctlTests {
    static func pioctl(_ arguments: [String], socket: String) async throws -> CommandResult {
        try await ChildProcess.run(
            try TestBinaries.path(of: "pioctl"), arguments, environment: TestEnvironment.environment(["PIO_AGENT_SOCKET": socket]))
    }

    @Test func statusDevicesAndReannounceTalkToTheDaemon() async throws {
        let pty = try Pseudoterminal()
        let agent = try await AgentProcess(configuration: """
            [agent]
            name = "cli-agent"
            [devices]
            include = []
            [[devices.static]]
            port = "\(pty.devicePath)"
            id = "bench-pty"
            description = "pty board"
            board = "esp32"
            """)
        let human = try await Self.pioctl(["status"], socket: agent.socketPath)
        #expect(human.status == 0)
        #expect(human.standardOutput.hasPrefix("Agent      cli-agent (pio-agentd \(AgentVersion.current), pid \(agent.pid), up "))
        #expect(human.standardOutput.contains("Devices    1 serial\n"))

        let json = try await Self.pioctl(["status", "--json"], socket: agent.socketPath)
        let status = try AgentJSON.decode(AgentStatus.self, from: Array(json.standardOutput.utf8))
        #expect(status.agent.name == "cli-agent")
        #expect(status.devices.serial == 1)

        let table = try await Self.pioctl(["--socket", agent.socketPath, "devices"], socket: "/nonexistent")
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("bench-pty"))
        #expect(table.standardOutput.contains(pty.devicePath))
        #expect(table.standardOutput.contains("esp32"))

        let list = try await Self.pioctl(["devices", "--json"], socket: agent.socketPath)
        let devices = try AgentJSON.decode(DeviceList.self, from: Array(list.standardOutput.utf8))
        #expect(devices.devices.map(\.id) == ["bench-pty"])

        let reannounce = try await Self.pioctl(["reannounce", "--device", "ttyUSB7"], socket: agent.socketPath)
        #expect(reannounce.status == 0)
        #expect(reannounce.standardOutput == "rescanned ttyUSB7: 0 added, 0 removed, 0 changed (1 device)\n")
    }

    @Test func devicesWatchShowsTheTableThenOneLinePerChange() async throws {
        let board = try LinkedPseudoterminal()
        let agent = try await AgentProcess(configuration: board.configuration())
        let watch = try ChildProcess.spawn(
            try TestBinaries.path(of: "pioctl"), arguments: ["devices", "--watch"],
            environment: TestEnvironment.environment(["PIO_AGENT_SOCKET": agent.socketPath]))
        defer { watch.terminate() }
        let output = try OutputRecorder(reading: watch.standardOutput, label: "pioctl devices --watch")
        try await output.wait(for: "bench-pty")
        #expect(output.text.hasPrefix("ID "))
        board.unplug()
        try await output.wait(for: "(absent)")
        let lines = output.text.split(separator: "\n")
        #expect(lines.last?.hasPrefix("~ ") == true, "\(output.text)")
    }

    @Test func everyCommandFailsWithOneLineWhenTheDaemonIsDown() async throws {
        let directory = try TemporaryDirectory(prefix: "no-daemon")
        defer { directory.remove() }
        let socket = directory.file("control.sock")
        for arguments in [["status"], ["status", "--json"], ["devices"], ["devices", "--watch"], ["reannounce"]] {
            let result = try await Self.pioctl(arguments, socket: socket)
            #expect(result.status == 3, "\(arguments)")
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError == "pioctl: pio-agentd is not running: no control socket at \(socket) "
                + "(start it with `systemctl start pio-agentd`, or point --socket / $PIO_AGENT_SOCKET at it)\n")
        }
    }

    @Test func aStaleSocketIsNamedAsSuchAndTheDaemonReplacesIt() async throws {
        let agent = try await AgentProcess()
        #expect(try await agent.stop() == 0)
        // A crashed daemon leaves its socket behind; make one.
        try UnixSocket.makeStaleSocketFile(at: agent.socketPath)
        let result = try await Self.pioctl(["status"], socket: agent.socketPath)
        #expect(result.status == 3)
        #expect(result.standardError.contains("nothing listens on \(agent.socketPath) (a stale socket file)"))
    }

    @Test func reannounceNeverWaitsLongerThanItsTimeout() async throws {
        let directory = try TemporaryDirectory(prefix: "stuck-daemon")
        defer { directory.remove() }
        // A listener that accepts nothing and answers nothing: the worst a daemon can do to udev.
        let listener = try UnixSocket.listening(at: directory.file("control.sock"))
        defer { listener.close() }
        // Timed on the thread that waits for pioctl, so that a busy test pool cannot add to it.
        let pioctl = try TestBinaries.path(of: "pioctl")
        let environment = TestEnvironment.environment(["PIO_AGENT_SOCKET": directory.file("control.sock")])
        let (result, elapsed) = try await blocking {
            let start = ContinuousClock.now
            let result = try ChildProcess.run(pioctl, ["reannounce", "--device", "ttyUSB0", "--timeout", "0.3"], environment: environment)
            return (result, ContinuousClock.now - start)
        }
        #expect(result.status == 3)
        #expect(result.standardError.contains("did not answer"))
        #expect(elapsed < .seconds(5), "a bound on a failure, not a benchmark: \(elapsed)")
    }

    @Test func versionNeedsNoDaemon() async throws {
        let result = try await Self.pioctl(["version"], socket: "/nonexistent")
        #expect(result.status == 0)
        #expect(result.standardOutput == "pioctl \(AgentVersion.current)\n")
    }
}
