import AgentCore
import Glibc
import TestSupport
import Testing

/// `pioctl remote device bridge` driven by pyserial's own clients (`rfc2217://` and `socket://`),
/// as esptool and `pio device monitor` drive it.
@Suite("pioctl remote device bridge", .timeLimit(.minutes(1)))
struct RemoteBridgeCommandTests {
    @Test("pyserial's rfc2217:// client: bytes both ways, a baud change and DTR/RTS toggles reach the agent's port")
    func rfc2217ThroughTheBridge() async throws {
        // The board's modem lines are the agent's loopback (a pty has none): DTR drives DSR and
        // CD, RTS drives CTS, so the client reads back what reached the port.
        let rig = try await MonitorCommandRig.start(modemLines: "loopback")
        defer { rig.stop() }
        let bridge = try rig.bridge(["-a", "farm1", "-p", "null-board", "--listen", "127.0.0.1:0"])
        defer { bridge.stop() }
        let url = try await Self.url(of: bridge, scheme: "rfc2217")
        let client = try SerialClientPeer()
        defer { client.stop() }
        // pyserial raises DTR and RTS as it opens, and waits for each acknowledgement.
        try await client.call(["op": "open", "url": .string(url), "baudrate": 115_200])
        try await client.call(["op": "wait_lines", "cts": true, "dsr": true, "cd": true])
        #expect(try rig.board.baudRate() == 115_200)

        try await client.call(["op": "write", "hex": .string(Self.hex(Array("hello board\r\n".utf8)))])
        #expect(try await blocking { try rig.board.read(count: 13) } == Array("hello board\r\n".utf8))
        // Every byte value, 0xFF (Telnet's IAC) included, both ways.
        let burst = (0..<(64 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ ($0 >> 8)) }
        async let written: Void = blocking { try rig.board.write(burst) }
        let read = try await client.call(["op": "read", "count": .number(Double(burst.count))])
        try await written
        #expect(read["hex"] == .string(Self.hex(burst)))
        try await client.call(["op": "write", "hex": .string(Self.hex([0xFF, 0xFF, 0x00, 0xF0, 0xFF]))])
        #expect(try await blocking { try rig.board.read(count: 5) } == [0xFF, 0xFF, 0x00, 0xF0, 0xFF])

        let changed = try await client.call(["op": "baud", "value": 230_400])
        #expect(changed["baudrate"] == .number(230_400))
        #expect(try rig.board.baudRate() == 230_400)
        try await client.call(["op": "dtr", "value": false])
        try await client.call(["op": "wait_lines", "cts": true, "dsr": false, "cd": false])
        try await client.call(["op": "rts", "value": false])
        try await client.call(["op": "wait_lines", "cts": false, "dsr": false, "cd": false])
        try await client.call(["op": "dtr", "value": true])
        try await client.call(["op": "wait_lines", "cts": false, "dsr": true, "cd": true])
        try await client.call(["op": "break", "duration": 0.02])

        let sessions = try await rig.agent.sessions()
        #expect(sessions.map(\.user) == ["bob"])
        try await client.call(["op": "close"])
        try await rig.agent.log.wait(for: "reason=closed by the user")
        try await bridge.errors.wait(for: "left; session closed")
        #expect(try await rig.agent.sessions().isEmpty)
    }

    @Test("--raw passes bytes as they are; a second client is told the port is taken; SIGTERM closes the session")
    func rawSecondClientAndStop() async throws {
        let rig = try await MonitorCommandRig.start()
        defer { rig.stop() }
        let bridge = try rig.bridge(["-p", "null-board", "--listen", "127.0.0.1:0", "--raw"])
        defer { bridge.stop() }
        let url = try await Self.url(of: bridge, scheme: "socket")
        let first = try SerialClientPeer()
        defer { first.stop() }
        try await first.call(["op": "open", "url": .string(url)])
        try await bridge.errors.wait(for: "connected: session")
        try await first.call(["op": "write", "hex": .string(Self.hex([0xFF, 0xFA, 0x2C, 0xFF, 0xF0]))])
        #expect(try await blocking { try rig.board.read(count: 5) } == [0xFF, 0xFA, 0x2C, 0xFF, 0xF0])
        try await blocking { try rig.board.write([0xFF, 0xFF, 0x0D]) }
        #expect(try await first.call(["op": "read", "count": 3])["hex"] == .string("ffff0d"))

        let second = try SerialClientPeer()
        defer { second.stop() }
        let refusal = try await second.call(["op": "read_until_closed", "url": .string(url)])
        let text = if case .string(let hex)? = refusal["hex"] { String(decoding: Self.bytes(hex), as: UTF8.self) } else { "" }
        #expect(text.contains("busy"), "\(text)")
        #expect(text.contains("one client at a time"), "\(text)")
        // The first client goes on.
        try await blocking { try rig.board.write(Array("still yours".utf8)) }
        #expect(try await first.call(["op": "read", "count": 11])["hex"] == .string(Self.hex(Array("still yours".utf8))))

        kill(bridge.process.pid, SIGTERM)
        let status = try await blocking { try bridge.process.waitForExit() }
        #expect(status == 0, "\(bridge.errors.text)")
        try await rig.agent.log.wait(for: "reason=closed by the user")
        #expect(try await rig.agent.sessions().isEmpty)
    }

    @Test("on a port without modem lines pyserial's DTR is refused, and the bridge says why")
    func portWithoutModemLines() async throws {
        let rig = try await MonitorCommandRig.start()
        defer { rig.stop() }
        let bridge = try rig.bridge(["-p", "null-board", "--listen", "127.0.0.1:0"])
        defer { bridge.stop() }
        let url = try await Self.url(of: bridge, scheme: "rfc2217")
        let client = try SerialClientPeer()
        defer { client.stop() }
        await #expect(throws: TestFailure.self) { try await client.call(["op": "open", "url": .string(url)]) }
        try await bridge.errors.wait(for: "not applied")
        // With ign_set_control, as the bridge's help says, the same client works.
        try await client.call(["op": "open", "url": .string(url + "?ign_set_control")])
        try await client.call(["op": "write", "hex": .string(Self.hex(Array("ok".utf8)))])
        #expect(try await blocking { try rig.board.read(count: 2) } == Array("ok".utf8))
    }

    @Test("unplugging the board disconnects the client with the reason; the bridge goes on and tells the next client why it cannot open the port")
    func unplug() async throws {
        let rig = try await MonitorCommandRig.start()
        defer { rig.stop() }
        let bridge = try rig.bridge(["-p", "null-board", "--listen", "127.0.0.1:0", "--raw"])
        defer { bridge.stop() }
        let url = try await Self.url(of: bridge, scheme: "socket")
        let client = try SerialClientPeer()
        defer { client.stop() }
        try await client.call(["op": "open", "url": .string(url)])
        try await bridge.errors.wait(for: "connected: session")
        rig.board.close()
        try await bridge.errors.wait(for: "the session ended: device removed")
        await #expect(throws: TestFailure.self) { try await client.call(["op": "read", "count": 1, "timeout": 10]) }
        let next = try await client.call(["op": "read_until_closed", "url": .string(url)])
        let text = if case .string(let hex)? = next["hex"] { String(decoding: Self.bytes(hex), as: UTF8.self) } else { "" }
        // Whether the agent has noticed the static port's absence yet or not, the reason names it.
        #expect(
            text.contains("cannot open the port") && (text.contains(rig.board.devicePath) || text.contains("null-board")),
            "\(text)")
    }

    /// The URL the bridge says it listens on.
    static func url(of bridge: RunningMonitor, scheme: String) async throws -> String {
        let text = try await bridge.errors.wait(for: " on \(scheme)://127.0.0.1:")
        let after = text.split(separator: "\(scheme)://127.0.0.1:", maxSplits: 1).last ?? ""
        let port = after.prefix { $0.isNumber }
        return "\(scheme)://127.0.0.1:\(port)"
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }
}
