import AgentCore
import ControlClient
import Glibc
import TestSupport
import Testing

/// `pioctl device monitor`: a board on the agent's host, through the control socket (the
/// connection switches to the port's raw bytes), on an agent without a broker.
@Suite("pioctl device monitor", .timeLimit(.minutes(1)))
struct LocalMonitorCommandTests {
    @Test("bytes flow both ways in order, 5 MiB from the board arrive byte for byte, and end of input closes the session")
    func pipesBothWays() async throws {
        let rig = try await LocalMonitorRig.start()
        defer { rig.stop() }
        let monitor = try rig.monitor(["-p", "null-board", "-b", "921600"])
        defer { monitor.stop() }
        try await monitor.errors.wait(for: "--- monitor on \(rig.board.devicePath)")
        try monitor.process.send("hello board\n")
        let typed: [UInt8]
        do {
            typed = try await blocking { try rig.board.read(count: 12) }
        } catch {
            throw TestFailure("\(error)\nmonitor:\n\(monitor.errors.text)\nagent:\n\(rig.agent.log.text)")
        }
        #expect(typed == Array("hello board\n".utf8))
        let burst = try await RandomBytes.make(count: 5 << 20, seed: 5)
        async let written: Void = blocking { try rig.board.write(burst) }
        let received = try await blocking { try monitor.readOutput(count: burst.count) }
        try await written
        let exact = RandomBytes.equal(received, burst)
        #expect(exact, "\(received.count) of \(burst.count) bytes")
        let client = rig.agent.client()
        let live = try await blocking { try client.get("/v1/sessions", as: SessionList.self) }
        let session = try #require(live.sessions.first)
        #expect(live.sessions.count == 1)
        #expect(session.kind == "monitor" && session.port == rig.board.devicePath)
        #expect(session.user == "local:\(Self.userName)")
        #expect(session.bytesToUser == burst.count && session.bytesFromUser == 12)
        monitor.process.closeInput()
        #expect(try await blocking { try monitor.process.waitForExit() } == 0, "\(monitor.errors.text)")
        try await rig.agent.log.wait(for: "reason=closed by the user")
        #expect(try await blocking { try client.get("/v1/sessions", as: SessionList.self) }.sessions.isEmpty)
    }

    @Test("a second monitor of the port, local or another program's, is refused as port busy naming the holder")
    func portBusy() async throws {
        let rig = try await LocalMonitorRig.start()
        defer { rig.stop() }
        let first = try rig.monitor(["-p", "null-board"])
        defer { first.stop() }
        try await first.errors.wait(for: "--- monitor on")
        let second = try rig.monitor(["-p", "null-board"])
        defer { second.stop() }
        #expect(try await blocking { try second.process.waitForExit() } == 1)
        let refusal = try await second.errors.wait(for: "\n")
        #expect(refusal.contains("409 port_busy") && refusal.contains("in a monitor session of local:\(Self.userName)"), "\(refusal)")
        first.process.closeInput()
        #expect(try await blocking { try first.process.waitForExit() } == 0)
        try await rig.agent.log.wait(for: "reason=closed by the user")

        // Another program holds the port's lock.
        let holder = try ChildProcess.spawn(
            "flock", arguments: ["--exclusive", "--no-fork", rig.board.devicePath, "sh", "-c", "echo locked; sleep 60"],
            environment: TestEnvironment.toolEnvironment(), ownProcessGroup: true)
        defer {
            holder.terminate()
            holder.closeOutput()
        }
        _ = try await blocking { try holder.read(holder.standardOutput) { $0.contains("locked") } }
        let third = try rig.monitor(["-p", "null-board"])
        defer { third.stop() }
        #expect(try await blocking { try third.process.waitForExit() } == 1)
        let held = try await third.errors.wait(for: "\n")
        #expect(held.contains("409 port_busy") && held.contains("is held by sh (pid \(holder.pid))"), "\(held)")
    }

    @Test("unplugging the board mid-session ends the monitor with device removed and a failure status")
    func unplug() async throws {
        let rig = try await LocalMonitorRig.start()
        defer { rig.stop() }
        let monitor = try rig.monitor(["-p", "null-board"])
        defer { monitor.stop() }
        try await monitor.errors.wait(for: "--- monitor on")
        try await blocking { try rig.board.write(Array("last words\n".utf8)) }
        #expect(try await blocking { try monitor.readOutput(count: 11) } == Array("last words\n".utf8))
        rig.board.close()
        #expect(try await blocking { try monitor.process.waitForExit() } == 1)
        _ = try await monitor.errors.wait(for: "pioctl: the session ended: device removed")
    }

    @Test("bad parameters and an unknown port are refused with the API's error and a failure status")
    func refusals() async throws {
        let rig = try await LocalMonitorRig.start()
        defer { rig.stop() }
        for (arguments, expected) in [
            (["-p", "null-board", "-b", "0"], "400 invalid_params"),
            (["-p", "null-board", "--bytesize", "9"], "400 invalid_params"),
            (["-p", "no-such-board"], "404 unknown_port"),
        ] {
            let monitor = try rig.monitor(arguments)
            defer { monitor.stop() }
            #expect(try await blocking { try monitor.process.waitForExit() } == 1)
            let text = try await monitor.errors.wait(for: "\n")
            #expect(text.hasPrefix("pioctl: pio-agentd refused the request (\(expected)): "), "\(text)")
        }
        // The refused opens left nothing behind: the port opens at once.
        let monitor = try rig.monitor(["-p", "null-board"])
        defer { monitor.stop() }
        try await monitor.errors.wait(for: "--- monitor on")
    }

    @Test("the line changes mid-session through POST /v1/sessions/{id}/control, only for the session's user")
    func lineControl() async throws {
        let rig = try await LocalMonitorRig.start()
        defer { rig.stop() }
        let client = rig.agent.client()
        let stream = try await blocking {
            try client.openStream("/v1/sessions/monitor", protocol: "pio-serial", body: Array(#"{"port":"null-board"}"#.utf8))
        }
        defer { stream.finishWriting() }
        let session = try #require(stream.headers["pio-session"])
        #expect(stream.headers["pio-port"] == rig.board.devicePath)
        let settings = try await blocking {
            try client.post("/v1/sessions/\(session)/control", body: Array(#"{"baud":9600,"break_ms":50}"#.utf8), as: [String: JSONValue].self)
        }
        #expect(settings["baud"] == .number(9600))
        let other = try await blocking { try client.request("POST", "/v1/sessions/0123456789abcdef/control", body: Array("{}".utf8)) }
        #expect(other.status == 404 && String(decoding: other.body, as: UTF8.self).contains("unknown_session"))
        let plain = try await blocking { try client.request("POST", "/v1/sessions/monitor", body: Array(#"{"port":"null-board"}"#.utf8)) }
        #expect(plain.status == 426, "without Upgrade headers the endpoint says how to ask")
        // Still one session: the refused request opened nothing.
        #expect(try await blocking { try client.get("/v1/sessions", as: SessionList.self) }.sessions.map(\.id.rawValue) == [session])
    }

    /// The user the tests run as, as the agent names local session users.
    static var userName: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid\(geteuid())" }
        return String(cString: name)
    }
}
