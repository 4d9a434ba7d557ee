import AgentCore
import Glibc
import TestSupport
import Testing

/// `pioctl remote device monitor` as people and scripts use it: on a terminal, and with standard
/// input and output as pipes.
@Suite("pioctl remote device monitor", .timeLimit(.minutes(1)))
struct RemoteMonitorCommandTests {
    @Test("without a terminal it pipes standard input to the board and the board to standard output, and ends at end of input")
    func pipes() async throws {
        let rig = try await MonitorCommandRig.start()
        defer { rig.stop() }
        // No -a: the only agent that lists the port is found by itself.
        let monitor = try rig.monitor(["-p", "null-board", "-b", "57600"])
        defer { monitor.stop() }
        try await monitor.errors.wait(for: "--- monitor on farm1:\(rig.board.devicePath)")
        try monitor.process.send("hello board\n")
        let typed = try await blocking { try rig.board.read(count: 12) }
        #expect(typed == Array("hello board\n".utf8))
        try await blocking { try rig.board.write(Array("hello user\n".utf8)) }
        try await monitor.output.wait(for: "hello user\n")
        monitor.process.closeInput()
        let status = try await blocking { try monitor.process.waitForExit() }
        #expect(status == 0, "\(monitor.errors.text)")
        try await rig.agent.log.wait(for: "reason=closed by the user")
    }

    @Test("on a terminal it runs raw: Enter sends CR LF, Ctrl+T b sends a break, Ctrl+] quits and the terminal is restored")
    func interactive() async throws {
        let rig = try await MonitorCommandRig.start()
        defer { rig.stop() }
        // The user's terminal: a pty whose device side is the monitor's standard input, output and error.
        let terminal = try PseudoterminalBoard()
        var before = termios()
        let probe = open(terminal.devicePath, O_RDWR | O_NOCTTY)
        #expect(probe >= 0 && tcgetattr(probe, &before) == 0)
        defer { close(probe) }
        let tty = terminal.devicePath
        let monitor = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", "exec '\(rig.pioctl)' remote device monitor -p null-board <\(tty) >\(tty) 2>&1"],
            environment: rig.environment)
        defer { monitor.terminate() }
        _ = try await blocking { try Self.read(terminal, until: "Ctrl+] quits") }
        try await blocking { try terminal.write(Array("hi\r".utf8)) }
        #expect(try await blocking { try rig.board.read(count: 4) } == Array("hi\r\n".utf8))
        try await blocking { try rig.board.write(Array("from the board\n".utf8)) }
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
        try await rig.agent.log.wait(for: "reason=closed by the user")
    }

    @Test("--filter time stamps each line shown, and --filter log2file keeps the raw bytes in a new file")
    func filters() async throws {
        let rig = try await MonitorCommandRig.start()
        defer { rig.stop() }
        // It runs in the temporary home, where the log file lands.
        let monitor = try rig.monitor(["-p", "null-board", "--filter", "time", "--filter", "log2file"])
        defer { monitor.stop() }
        try await monitor.errors.wait(for: "--- logging to pioctl-monitor-farm1-")
        try await blocking { try rig.board.write(Array("line one\r\nline two\r\n".utf8)) }
        try await monitor.output.wait(for: "line two")
        // "\r\n" is one Character in Swift.
        let lines = monitor.output.text.split(separator: "\r\n")
        #expect(lines.count == 2)
        #expect(
            lines.allSatisfy { $0.wholeMatch(of: /\d\d:\d\d:\d\d\.\d\d\d > line (one|two)/) != nil }, "\(monitor.output.text)")
        monitor.process.closeInput()
        #expect(try await blocking { try monitor.process.waitForExit() } == 0)
        let logs = try rig.home.list().filter { $0.hasPrefix("pioctl-monitor-farm1-") && $0.hasSuffix(".log") }
        #expect(logs.count == 1)
        let logged = try Files.read(rig.home.file(try #require(logs.first)))
        #expect(logged == "line one\r\nline two\r\n")
    }

    @Test("the monitor outlives a broker restart: bytes sent meanwhile arrive both ways, in order")
    func survivesBrokerRestart() async throws {
        let rig = try await MonitorCommandRig.start()
        defer { rig.stop() }
        let monitor = try rig.monitor(["-p", "null-board"])
        defer { monitor.stop() }
        try await monitor.errors.wait(for: "--- monitor on farm1")
        try await blocking { try rig.board.write(Array("before\n".utf8)) }
        try await monitor.output.wait(for: "before\n")
        try await rig.broker.restart()
        // Written while the agent and pioctl are still reconnecting.
        try await blocking { try rig.board.write(Array("after\n".utf8)) }
        try monitor.process.send("typed\n")
        try await monitor.output.wait(for: "before\nafter\n", timeout: .seconds(15))
        #expect(try await blocking { try rig.board.read(count: 6, timeout: .seconds(15)) } == Array("typed\n".utf8))
        monitor.process.closeInput()
        #expect(try await blocking { try monitor.process.waitForExit() } == 0, "\(monitor.errors.text)")
    }

    /// Reads the terminal until its output holds `text`; returns all it read.
    static func read(_ terminal: PseudoterminalBoard, until text: String) throws -> String {
        var seen: [UInt8] = []
        try terminal.read { chunk in
            seen += chunk
            return !String(decoding: seen, as: UTF8.self).contains(text)
        }
        return String(decoding: seen, as: UTF8.self)
    }
}

/// The monitor's command keys, as a user types them.
enum MonitorKeysBytes {
    /// Ctrl+T.
    static let menu: UInt8 = 0x14
    /// Ctrl+].
    static let quit: UInt8 = 0x1D
}
