import AgentCore
import ControlAPI
import Inventory

/// A backend for testing the HTTP layer alone: a real ``Inventory`` and fixed status values
/// (the daemon's real backend is covered end to end in EndToEndTests).
struct InMemoryBackend: ControlAPIBackend {
    let inventory = Inventory()
    let statistics: ControlServerStatistics

    func status() async -> AgentStatus {
        AgentStatus(
            agent: .init(
                name: "test-agent", version: AgentVersion.current, pid: 1, uptimeSeconds: 0,
                startedAt: Timestamp(millisecondsSinceEpoch: 0), udevSource: .none, configFile: nil),
            cloud: .init(state: "disabled"),
            devices: .init(serial: await inventory.count(kind: SerialDevice.kind), absent: 0),
            inventory: .init(udevEvents: 0, rescans: 0, overruns: 0, lastRescanAt: nil, sequence: await inventory.sequence),
            control: .init(
                socket: "test", socketActivated: false, connections: statistics.connections,
                eventSubscribers: statistics.eventSubscribers))
    }

    func deviceList() async -> DeviceList {
        DeviceList(agent: "test-agent", sequence: await inventory.sequence, devices: await inventory.allDevices)
    }

    func device(named name: String) async -> Device? {
        await inventory.device(named: name)
    }

    func reannounce(device: String?) async throws(ControlAPIError) -> ReannounceResult {
        if device == "refuse" { throw .unavailable("refused for the test") }
        return ReannounceResult(device: device, added: 0, removed: 0, changed: 0, total: 0, sequence: await inventory.sequence)
    }

    func subscribe() async -> InventorySubscription {
        await inventory.subscribe(bufferLimit: 8)
    }

    func sessions() async -> SessionList {
        SessionList(sessions: [])
    }

    func session(_ id: String) async throws(ControlAPIError) -> SessionSummary {
        throw .notFound("no sessions in the test backend")
    }

    func openMonitor(_ params: [String: JSONValue], for peer: ControlPeer) async throws(ControlAPIError)
        -> any ControlStream
    {
        throw .notFound("no ports in the test backend")
    }

    func controlSession(_ id: String, params: [String: JSONValue], for peer: ControlPeer) async throws(ControlAPIError)
        -> JSONValue
    {
        throw .notFound("no sessions in the test backend")
    }

    func metricsText() async -> [UInt8] {
        Array("test_metric 1\n".utf8)
    }
}
