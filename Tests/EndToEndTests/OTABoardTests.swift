import AgentCore
import ControlClient
import TestSupport
import Testing

/// pio-agentd in one network namespace lists the OTA boards python-zeroconf announces in the other.
@Suite("OTA boards found by mDNS", .timeLimit(.minutes(1)))
struct OTABoardTests {
    @Test("an announced board becomes an ota device within 2 s, with the TXT facts, and goes with its goodbye")
    func boardComesAndGoes() async throws {
        let pair = try await NetworkNamespacePair()
        defer { pair.remove() }
        let boards = try await ZeroconfBoards(in: pair)
        defer { boards.stop() }
        let agent = try await AgentProcess.browsingMDNS(in: pair)
        defer { agent.terminate() }
        let events = try await DeviceWatcher(agent: agent)
        defer { events.stop() }
        try await boards.send("add esp32-aabbccddeeff _arduino._tcp 3232 board=esp32 tcp_check=no ssh_upload=no auth_upload=yes")
        try await events.wait(for: "\"event\":\"device.added\"", timeout: .seconds(2))
        // The address may follow in a later packet than the service.
        try await events.wait(for: "\"addresses\":[\"\(pair.firstAddress)\"]", timeout: .seconds(2))
        let client = agent.client()
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.devices.ota == 1)
        let list = try await blocking { try client.get("/v1/devices", as: DeviceList.self) }
        guard case .ota(let board)? = list.devices.first else { throw TestFailure("no ota device: \(list)") }
        #expect(board.id == "mdns:esp32-aabbccddeeff._arduino._tcp")
        #expect(board.name == "esp32-aabbccddeeff")
        #expect(board.service == "_arduino._tcp")
        #expect(board.host == "esp32-aabbccddeeff.local")
        #expect(board.addresses == [pair.firstAddress])
        #expect(board.port == 3232)
        #expect(board.board == "esp32")
        #expect(board.authRequired)
        #expect(board.txt == ["board": "esp32", "tcp_check": "no", "ssh_upload": "no", "auth_upload": "yes"])
        #expect(board.interface == pair.secondInterface)
        try await boards.send("goodbye esp32-aabbccddeeff")
        try await events.wait(for: "\"event\":\"device.removed\"", timeout: .seconds(2))
        #expect(events.text.contains("\"kind\":\"ota\""))
    }

    @Test("a board announced over IPv6 alone before the agent started is found by the agent's query, with its IPv6 address")
    func boardOverIPv6() async throws {
        let pair = try await NetworkNamespacePair(ipv6: .addresses)
        defer { pair.remove() }
        let address = try #require(pair.firstIPv6Address)
        let boards = try await ZeroconfBoards(in: pair, families: .ipv6)
        defer { boards.stop() }
        // Its announcements are over before the agent starts: only an answer to the agent's query over IPv6 finds it.
        try await boards.send("add esp8266-0a1b2c _arduino._tcp 8266 board=nodemcuv2 auth_upload=no")
        let agent = try await AgentProcess(
            configuration: "[devices]\ninclude = []\n[mdns]\nenabled = true\n", namespace: pair.second)
        defer { agent.terminate() }
        let events = try await DeviceWatcher(agent: agent, waitForSnapshot: false)
        defer { events.stop() }
        // In the first snapshot or a later device.added, whichever the watcher sees.
        try await events.wait(for: "esp8266-0a1b2c", timeout: .seconds(5))
        let client = agent.client()
        let list = try await blocking { try client.get("/v1/devices", as: DeviceList.self) }
        guard case .ota(let board)? = list.devices.first else { throw TestFailure("no ota device: \(list)") }
        #expect(board.addresses == [address])
        #expect(board.interface == pair.secondInterface)
        #expect(agent.log.text.contains("family=IPv6"))
    }
}
