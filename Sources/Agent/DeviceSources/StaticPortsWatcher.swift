import AsyncPrimitives
import AgentConfig
import AgentCore
import Inventory
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Lists the ports declared in `[[devices.static]]`, present or absent.
///
/// udev does not see these (ptys, links made by socat or ser2net), so the watcher checks
/// whether each path exists every `static_poll_s` seconds, on every reannounce and after a
/// reload. A port that vanishes stays listed with `present: false`. Without static ports it
/// sleeps until a reload wakes it, costing nothing.
struct StaticPortsWatcher: Service {
    let inventory: Inventory
    let settings: AgentSettings
    let wakeup = WakeSignal()

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await refresh()
                let devices = settings.configuration.devices
                let interval: Duration? =
                    devices.staticPorts.isEmpty ? nil : .milliseconds(Int64(devices.staticPollSeconds * 1000))
                await wakeup.sleep(timeout: interval)
            }
        }
    }

    /// Makes the watcher check now and pick up a changed configuration.
    func wake() { wakeup.wake() }

    /// Checks every static port now and updates the inventory.
    @discardableResult
    func refresh() async -> InventoryChanges {
        let now = Timestamp.now()
        let devices = settings.configuration.devices.staticPorts.map { port in
            Device.serial(Self.device(for: port, present: Self.exists(port.port), since: now))
        }
        return await inventory.update(source: .static, devices: devices, at: now)
    }

    static func device(for port: AgentConfiguration.StaticPort, present: Bool, since: Timestamp) -> SerialDevice {
        let name = port.port.hasPrefix("/dev/") ? String(port.port.dropFirst(5)) : port.port
        let defaultID = "static-" + String(decoding: name.utf8.map { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2E || byte == 0x5F
                || byte == 0x2D ? byte : 0x2D
        }, as: UTF8.self)
        return SerialDevice(
            id: port.id ?? defaultID, name: name, port: port.port, description: port.description ?? "n/a",
            hwid: HardwareID.notApplicable, board: port.board, present: present, source: .static, since: since)
    }

    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }
}
