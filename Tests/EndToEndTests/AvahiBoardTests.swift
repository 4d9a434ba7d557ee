import AgentCore
import ControlClient
import TestSupport
import Testing

/// pio-agentd in one network namespace lists the OTA boards a real avahi-daemon publishes in the
/// other, as it does python-zeroconf's (``OTABoardTests``).
@Suite("OTA boards published by avahi", .timeLimit(.minutes(1)))
struct AvahiBoardTests {
    @Test("a board avahi-publish-service publishes becomes an ota device within 2 s, and goes within 2 s of its withdrawal")
    func boardComesAndGoes() async throws {
        let pair = try await NetworkNamespacePair()
        defer { pair.remove() }
        let avahi = try await AvahiResponder(in: pair, hostName: "avahi-peer")
        defer { avahi.stop() }
        let agent = try await AgentProcess.browsingMDNS(in: pair)
        defer { agent.terminate() }
        let events = try await DeviceWatcher(agent: agent)
        defer { events.stop() }
        // Returns once avahi has probed the name and sends its first announcement.
        let board = try await avahi.publish(
            name: "esp8266-0a1b2c", type: "_arduino._tcp", port: 8266,
            txt: ["board": "nodemcuv2", "tcp_check": "no", "ssh_upload": "no", "auth_upload": "no"])
        try await events.wait(for: "\"event\":\"device.added\"", timeout: .seconds(2))
        // avahi may leave its host's address out of the announcement (it announced it at start):
        // the board is listed at once, and its address follows from the agent's query.
        try await events.wait(for: "\"addresses\":[\"\(pair.firstAddress)\"]", timeout: .seconds(2))
        let client = agent.client()
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.devices.ota == 1)
        let list = try await blocking { try client.get("/v1/devices", as: DeviceList.self) }
        guard case .ota(let device)? = list.devices.first else { throw TestFailure("no ota device: \(list)") }
        #expect(device.id == "mdns:esp8266-0a1b2c._arduino._tcp")
        #expect(device.name == "esp8266-0a1b2c")
        #expect(device.service == "_arduino._tcp")
        #expect(device.host == "avahi-peer.local")
        #expect(device.addresses == [pair.firstAddress])
        #expect(device.port == 8266)
        #expect(device.board == "nodemcuv2")
        #expect(!device.authRequired)
        #expect(device.txt == ["board": "nodemcuv2", "tcp_check": "no", "ssh_upload": "no", "auth_upload": "no"])
        #expect(device.interface == pair.secondInterface)
        try await board.withdraw()
        try await events.wait(for: "\"event\":\"device.removed\"", timeout: .seconds(2))
        #expect(events.text.contains("\"kind\":\"ota\""))
    }

    @Test("a TXT record avahi changes in place is followed within 2 s")
    func txtChange() async throws {
        let pair = try await NetworkNamespacePair()
        defer { pair.remove() }
        let avahi = try await AvahiResponder(in: pair, hostName: "avahi-peer")
        defer { avahi.stop() }
        let agent = try await AgentProcess.browsingMDNS(in: pair)
        defer { agent.terminate() }
        let events = try await EventStream(socketPath: agent.socketPath)
        // avahi-publish-service cannot change a TXT record; this publisher keeps its entry group.
        let board = try await avahi.publishUpdatable(
            name: "esp32-aabbccddeeff", type: "_arduino._tcp", port: 3232,
            txt: ["board": "esp32", "tcp_check": "no", "auth_upload": "no"])
        try await events.waitForEvent("device.added", device: "esp32-aabbccddeeff", timeout: .seconds(2))
        try await board.updateTXT(["board": "esp32s3", "auth_upload": "yes"])
        try await events.waitForEvent("device.changed", device: "esp32-aabbccddeeff", timeout: .seconds(2))
        let client = agent.client()
        let list = try await blocking { try client.get("/v1/devices", as: DeviceList.self) }
        guard case .ota(let device)? = list.devices.first, list.devices.count == 1 else {
            throw TestFailure("not one ota device: \(list)")
        }
        #expect(device.board == "esp32s3")
        #expect(device.authRequired)
        #expect(device.txt == ["board": "esp32s3", "auth_upload": "yes"])
        #expect(device.host == "avahi-peer.local")
        #expect(device.port == 3232)
        // No goodbye came with the change: the board stayed listed throughout.
        #expect(!events.text.contains("device.removed"))
        try await board.withdraw()
        try await events.waitForEvent("device.removed", device: "esp32-aabbccddeeff", timeout: .seconds(2))
    }
}
