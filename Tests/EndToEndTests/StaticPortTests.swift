import AgentCore
import ControlClient
import TestSupport
import Testing

/// Declared ports that udev does not see: a pty stands in for a board behind socat or ser2net.
@Suite struct StaticPortTests {
    @Test func aVanishedStaticPortIsReportedAbsentNotDropped() async throws {
        let board = try LinkedPseudoterminal()
        let agent = try await AgentProcess(configuration: board.configuration())
        let events = try await EventStream(socketPath: agent.socketPath)
        #expect(events.text.contains("\"present\":true"))
        board.unplug()
        try await events.wait(for: "\"event\":\"device.changed\"")
        let client = agent.client()
        let device = try await blocking { try client.get("/v1/devices/bench-pty", as: Device.self) }
        #expect(!device.isPresent)
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.devices.serial == 0)
        #expect(status.devices.absent == 1)
    }

    @Test func reannounceChecksStaticPortsAtOnce() async throws {
        let board = try LinkedPseudoterminal()
        // A poll interval far longer than the test: only the reannounce can notice.
        let agent = try await AgentProcess(configuration: board.configuration(id: nil, pollSeconds: 3600))
        board.unplug()
        let client = agent.client()
        let result = try await blocking { try client.post("/v1/reannounce", as: ReannounceResult.self) }
        #expect(result.changed == 1)
        let list = try await blocking { try client.get("/v1/devices", as: DeviceList.self) }
        #expect(list.devices.map(\.isPresent) == [false])
    }
}
