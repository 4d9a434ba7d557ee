import AsyncPrimitives
import AgentConfig
import AgentCore
import CloudLink
import ControlAPI
import Inventory
import Sessions
import Udev
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's answers to the control API, composed from the inventory, the udev monitor and
/// the live configuration.
struct AgentBackend: ControlAPIBackend {
    let inventory: Inventory
    let monitor: UdevMonitor
    let settings: AgentSettings
    let staticPorts: StaticPortsWatcher
    let requests: RescanRequests
    let rescans: RescanStatistics
    let serverStatistics: ControlServerStatistics
    let metrics: AgentMetrics
    let listener: ControlListener
    let startedAt: Timestamp
    let startInstant: ContinuousClock.Instant
    /// Requests wait for the start-up inventory, so an early client never sees an empty list.
    let inventoryReady: OneShotEvent
    /// The link to the broker, or nil in local-only mode.
    let cloud: CloudLink?
    /// The mDNS querier's counters.
    let mdns: MDNSActivity
    /// The serial sessions, remote and local.
    let sessions: SessionManager

    func status() async -> AgentStatus {
        await inventoryReady.wait()
        let configuration = settings.configuration
        let uptime = ContinuousClock.now - startInstant
        return AgentStatus(
            agent: .init(
                name: configuration.agent.name, version: AgentVersion.current, pid: getpid(),
                uptimeSeconds: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18,
                startedAt: startedAt, udevSource: monitor.source, configFile: configuration.file),
            cloud: cloud?.board.status ?? .init(state: "disabled"),
            devices: .init(
                serial: await inventory.count(kind: SerialDevice.kind),
                absent: await inventory.count(kind: SerialDevice.kind, present: false),
                ota: await inventory.count(kind: OTADevice.kind)),
            inventory: .init(
                udevEvents: monitor.eventsReceived, rescans: rescans.count, overruns: monitor.overruns,
                lastRescanAt: rescans.lastAt, sequence: await inventory.sequence),
            control: .init(
                socket: listener.displayPath, socketActivated: { if case .activated = listener { true } else { false } }(),
                connections: serverStatistics.connections, eventSubscribers: serverStatistics.eventSubscribers),
            sessions: sessions.summaries, leases: sessions.leases.all())
    }

    func sessions() async -> SessionList {
        SessionList(sessions: sessions.summaries, leases: sessions.leases.all())
    }

    func deviceList() async -> DeviceList {
        await inventoryReady.wait()
        return DeviceList(
            agent: settings.configuration.agent.name, sequence: await inventory.sequence,
            devices: await inventory.allDevices)
    }

    func device(named name: String) async -> Device? {
        await inventoryReady.wait()
        return await inventory.device(named: name)
    }

    func reannounce(device name: String?) async throws(ControlAPIError) -> ReannounceResult {
        await inventoryReady.wait()
        let kernelName = await name.asyncMap(kernelName(for:))
        let udevResult = await requests.perform { id in
            monitor.rescan(device: kernelName, reason: .request, requestID: id)
        }
        let udevChanges = try udevResult.get()
        let staticChanges = await staticPorts.refresh()
        let changes = udevChanges + staticChanges
        metrics.countReannounce()
        return ReannounceResult(
            device: kernelName, added: changes.added, removed: changes.removed, changed: changes.changed,
            total: await inventory.allDevices.count, sequence: await inventory.sequence)
    }

    func subscribe() async -> InventorySubscription {
        await inventoryReady.wait()
        return await inventory.subscribe(bufferLimit: 1024)
    }

    func metricsText() async -> [UInt8] {
        await metrics.render(
            inventory: inventory, monitor: monitor, rescans: rescans, server: serverStatistics,
            cloud: cloud, mdns: mdns.statistics, agentName: settings.configuration.agent.name, uptime: ContinuousClock.now - startInstant)
    }

    /// The udev kernel name for what a caller named: a kernel name as is, a device path or
    /// `/dev/serial` link resolved to its node's name, or a listed device's id or port.
    private func kernelName(for name: String) async -> String {
        if let device = await inventory.device(named: name) { return device.name }
        if name.hasPrefix("/") {
            let resolved = UdevInventorySource.resolvedPath(name)
            return String(resolved.split(separator: "/").last ?? Substring(resolved))
        }
        return name
    }
}

extension Optional {
    fileprivate func asyncMap<Mapped>(_ transform: (Wrapped) async -> Mapped) async -> Mapped? {
        guard let value = self else { return nil }
        return await transform(value)
    }
}
