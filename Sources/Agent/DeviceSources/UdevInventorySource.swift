import AsyncPrimitives
import AgentConfig
import AgentCore
import ControlAPI
import Inventory
import Logging
import ServiceLifecycle
import Udev
#if canImport(Glibc)
import Glibc
#endif

/// Turns the udev monitor's output into the inventory's serial devices.
///
/// It keeps the selected ttys by kernel name, applies each event or rescan to that set, and
/// hands the whole set to the inventory, which works out what changed. Ports declared as static
/// are left to ``StaticPortsWatcher``.
struct UdevInventorySource: Service {
    let monitor: UdevMonitor
    let outputs: AsyncStream<UdevMonitor.Output>
    let inventory: Inventory
    let settings: AgentSettings
    let requests: RescanRequests
    let statistics: RescanStatistics
    let firstSnapshot: OneShotEvent
    let logger: Logger

    func run() async {
        var ttys: [String: SerialDevice] = [:]
        for await output in outputs.cancelOnGracefulShutdown() {
            switch output {
            case .snapshot(let snapshot):
                await apply(snapshot, to: &ttys)
                firstSnapshot.signal()
            case .event(let device):
                await apply(device, to: &ttys)
            }
        }
        requests.close(reason: "the agent is shutting down")
        firstSnapshot.signal()
    }

    private func apply(_ snapshot: UdevSnapshot, to ttys: inout [String: SerialDevice]) async {
        if let failure = snapshot.failure {
            requests.resolve(snapshot.requestIDs, with: .failure(.unavailable("udev rescan failed: \(failure)")))
            return
        }
        let now = Timestamp.now()
        switch snapshot.scope {
        case .all:
            ttys = Dictionary(snapshot.devices.map { ($0.sysname, SerialDevice(udev: $0, since: now)) }) { $1 }
        case .device(let name):
            ttys[name] = snapshot.devices.first.map { SerialDevice(udev: $0, since: now) }
        }
        statistics.record(snapshot.reason, at: now)
        let changes = await publish(ttys)
        if snapshot.reason != .request || !changes.isEmpty {
            logger.info(
                "rescanned udev",
                metadata: [
                    "reason": "\(snapshot.reason.rawValue)", "udev_source": "\(snapshot.source.rawValue)",
                    "added": "\(changes.added)", "removed": "\(changes.removed)", "changed": "\(changes.changed)",
                ])
        }
        requests.resolve(snapshot.requestIDs, with: .success(changes))
    }

    private func apply(_ device: UdevDevice, to ttys: inout [String: SerialDevice]) async {
        if device.action == .move, let oldPath = device.properties["DEVPATH_OLD"], let oldName = oldPath.split(separator: "/").last {
            ttys[String(oldName)] = nil
        }
        if device.action == .remove {
            ttys[device.sysname] = nil
        } else {
            ttys[device.sysname] = SerialDevice(udev: device, since: .now())
        }
        let changes = await publish(ttys)
        if !changes.isEmpty {
            logger.info(
                device.action == .remove ? "serial port removed" : "serial port added or changed",
                metadata: ["device": "\(device.sysname)", "port": "\(device.devnode ?? "/dev/\(device.sysname)")"])
        }
    }

    /// Hands the set to the inventory, minus ports declared static, with unique identifiers.
    private func publish(_ ttys: [String: SerialDevice]) async -> InventoryChanges {
        let staticPorts = Set(settings.configuration.devices.staticPorts.map { Self.resolvedPath($0.port) })
        let devices = ttys.values.filter { !staticPorts.contains($0.port) }
        return await inventory.update(source: .udev, devices: Self.uniquelyIdentified(devices).map(Device.serial))
    }

    /// Two boards that claim the same serial number (cheap clones do) would share an id; each
    /// then gets its USB path (or kernel name) appended, so neither hides the other.
    static func uniquelyIdentified(_ devices: [SerialDevice]) -> [SerialDevice] {
        let groups = Dictionary(grouping: devices, by: \.id)
        return devices.map { device in
            guard let group = groups[device.id], group.count > 1 else { return device }
            var device = device
            device.id += "@\(device.usbPath ?? device.name)"
            return device
        }
    }

    /// The path a static port's link points to, so `/dev/ttyUSB0` and a link to it compare equal.
    static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
