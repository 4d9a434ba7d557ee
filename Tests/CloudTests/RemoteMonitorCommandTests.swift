import AgentCore
import Glibc
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

extension RemoteMonitorCommandTests {
    /// Reads the terminal until its output holds `text`; returns all it read.
    static func read(_ terminal: PseudoterminalBoard, until text: String) throws -> String {
        var seen: [UInt8] = []
        try terminal.read { chunk in
            seen += chunk
            return !String(decoding: seen, as: UTF8.self).contains(text)
        }
        return String(decoding: seen, as: UTF8.self)
    }

    @Test("on a terminal it runs raw: Enter sends CR LF, Ctrl+T b sends a break, Ctrl+] quits and the terminal is restored")
    func interactive() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await RemoteMonitorTests.agent(broker, board: board)
        defer { agent.terminate() }
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        // The user's terminal: a pty whose device side is the monitor's standard input, output and error.
        let terminal = try PseudoterminalBoard()
        var before = termios()
        let probe = open(terminal.devicePath, O_RDWR | O_NOCTTY)
        #expect(probe >= 0 && tcgetattr(probe, &before) == 0)
        defer { close(probe) }
        var variables: [String: String?] = ["HOME": home.path, "XDG_CONFIG_HOME": nil]
        variables.merge(RemoteCommandTests.ciEnvironment(broker, user: "bob")) { $1 }
        let pioctl = try TestBinaries.path(of: "pioctl")
        let tty = terminal.devicePath
        let monitor = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", "exec '\(pioctl)' remote device monitor -p null-board <\(tty) >\(tty) 2>&1"],
            environment: TestEnvironment.environment(variables))
        defer { monitor.terminate() }
        _ = try await blocking { try Self.read(terminal, until: "Ctrl+] quits") }
        try await blocking { try terminal.write(Array("hi\r".utf8)) }
        #expect(try await blocking { try board.read(count: 4) } == Array("hi\r\n".utf8))
        try await blocking { try board.write(Array("from the board\n".utf8)) }
        _ = try await blocking { try Self.read(terminal, until: "from the board") }
        try await blocking { try terminal.write([MonitorKeysBytes.menu, UInt8(ascii: "b")]) }
        _ = try await blocking { try Self.read(terminal, until: "--- break sent") }
        // A pty has no modem lines: the agent's refusal is shown, and the monitor goes on.
        try await blocking { try terminal.write([MonitorKeysBytes.menu, UInt8(ascii: "d")]) }
        _ = try await blocking { try Self.read(terminal, until: "--- DTR not changed") }
        try await blocking { try terminal.write([MonitorKeysBytes.quit]) }
        let status = try await blocking { try monitor.waitForExit() }
        #expect(status == 0)
        var after = termios()
        #expect(tcgetattr(probe, &after) == 0)
        #expect(after.c_lflag == before.c_lflag && after.c_iflag == before.c_iflag)
        try await agent.log.wait(for: "reason=closed by the user")
    }
}

/// The monitor's command keys, as a user types them.
enum MonitorKeysBytes {
    /// Ctrl+T.
    static let menu: UInt8 = 0x14
    /// Ctrl+].
    static let quit: UInt8 = 0x1D
}

extension RemoteMonitorCommandTests {
    @Test("--filter time stamps each line shown, and --filter log2file keeps the raw bytes in a new file")
    func filters() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await RemoteMonitorTests.agent(broker, board: board)
        defer { agent.terminate() }
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        var variables: [String: String?] = ["HOME": home.path, "XDG_CONFIG_HOME": nil]
        variables.merge(RemoteCommandTests.ciEnvironment(broker, user: "bob")) { $1 }
        let pioctl = try TestBinaries.path(of: "pioctl")
        // In the temporary home, where the log file lands.
        let monitor = try ChildProcess.spawn(
            "/bin/sh",
            arguments: [
                "-c",
                "cd '\(home.path)' && exec '\(pioctl)' remote device monitor -p null-board --filter time --filter log2file",
            ],
            environment: TestEnvironment.environment(variables), input: true)
        defer { monitor.terminate() }
        let output = try OutputRecorder(reading: monitor.standardOutput, label: "monitor stdout")
        defer { output.stop() }
        let errors = try OutputRecorder(reading: monitor.standardError, label: "monitor stderr")
        defer { errors.stop() }
        try await errors.wait(for: "--- logging to pioctl-monitor-farm1-")
        try await blocking { try board.write(Array("line one\r\nline two\r\n".utf8)) }
        try await output.wait(for: "line two")
        // "\r\n" is one Character in Swift.
        let lines = output.text.split(separator: "\r\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.wholeMatch(of: /\d\d:\d\d:\d\d\.\d\d\d > line (one|two)/) != nil }, "\(output.text)")
        monitor.closeInput()
        #expect(try await blocking { try monitor.waitForExit() } == 0)
        let logs = try home.list().filter { $0.hasPrefix("pioctl-monitor-farm1-") && $0.hasSuffix(".log") }
        #expect(logs.count == 1)
        let logged = try Files.read(home.file(try #require(logs.first)))
        #expect(logged == "line one\r\nline two\r\n")
    }
}

extension RemoteMonitorCommandTests {
    @Test("the monitor outlives a broker restart: bytes sent meanwhile arrive both ways, in order")
    func survivesBrokerRestart() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await RemoteMonitorTests.agent(broker, board: board)
        defer { agent.terminate() }
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        var variables: [String: String?] = ["HOME": home.path, "XDG_CONFIG_HOME": nil]
        variables.merge(RemoteCommandTests.ciEnvironment(broker, user: "bob")) { $1 }
        let monitor = try ChildProcess.spawn(
            try TestBinaries.path(of: "pioctl"), arguments: ["remote", "device", "monitor", "-p", "null-board"],
            environment: TestEnvironment.environment(variables), input: true)
        defer { monitor.terminate() }
        let output = try OutputRecorder(reading: monitor.standardOutput, label: "monitor stdout")
        defer { output.stop() }
        let errors = try OutputRecorder(reading: monitor.standardError, label: "monitor stderr")
        defer { errors.stop() }
        try await errors.wait(for: "--- monitor on farm1")
        try await blocking { try board.write(Array("before\n".utf8)) }
        try await output.wait(for: "before\n")
        try await broker.restart()
        // Written while the agent and pioctl are still reconnecting.
        try await blocking { try board.write(Array("after\n".utf8)) }
        try monitor.send("typed\n")
        try await output.wait(for: "before\nafter\n", timeout: .seconds(15))
        #expect(try await blocking { try board.read(count: 6, timeout: .seconds(15)) } == Array("typed\n".utf8))
        monitor.closeInput()
        #expect(try await blocking { try monitor.waitForExit() } == 0, "\(errors.text)")
    }
}
