import AgentCore
import TestSupport
import Testing

/// `pioctl remote device monitor` as a script uses it: standard input and output as pipes.
@Suite("pioctl remote device monitor", .timeLimit(.minutes(1)))
struct RemoteMonitorCommandTests {
    @Test("without a terminal it pipes standard input to the board and the board to standard output, and ends at end of input")
    func pipes() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await RemoteMonitorTests.agent(broker, board: board)
        defer { agent.terminate() }
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        var variables: [String: String?] = ["HOME": home.path, "XDG_CONFIG_HOME": nil]
        variables.merge(RemoteCommandTests.ciEnvironment(broker, user: "bob")) { $1 }
        // No -a: the only agent that lists the port is found by itself.
        let monitor = try ChildProcess.spawn(
            try TestBinaries.path(of: "pioctl"), arguments: ["remote", "device", "monitor", "-p", "null-board", "-b", "57600"],
            environment: TestEnvironment.environment(variables), input: true)
        defer { monitor.terminate() }
        let output = try OutputRecorder(reading: monitor.standardOutput, label: "monitor stdout")
        defer { output.stop() }
        let errors = try OutputRecorder(reading: monitor.standardError, label: "monitor stderr")
        defer { errors.stop() }
        try await errors.wait(for: "--- monitor on farm1:\(board.devicePath)")
        try monitor.send("hello board\n")
        let typed = try await blocking { try board.read(count: 12) }
        #expect(typed == Array("hello board\n".utf8))
        try await blocking { try board.write(Array("hello user\n".utf8)) }
        try await output.wait(for: "hello user\n")
        monitor.closeInput()
        let status = try await blocking { try monitor.waitForExit() }
        #expect(status == 0, "\(errors.text)")
        try await agent.log.wait(for: "reason=closed by the user")
    }
}
