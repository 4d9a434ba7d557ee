import AgentConfig
import AgentCore
import Inventory
import Logging
import MDNS
import ServiceLifecycle

/// Lists the OTA boards that mDNS finds on the chosen interfaces as `kind: "ota"` devices.
///
/// The inventory changes when a board comes, goes or changes; `last_seen` alone (every record
/// refresh) is brought up to date at most once a minute, so steady boards do not flood the event
/// stream and the remote inventories.
struct MDNSInventorySource: Service {
    let inventory: Inventory
    let configuration: AgentConfiguration.MDNS
    let activity: MDNSActivity
    let logger: Logger

    /// How often `last_seen` alone updates the inventory.
    static let lastSeenInterval: Duration = .seconds(60)

    func run() async throws {
        let querierConfiguration = MDNSQuerierConfiguration(services: configuration.services, interfaces: configuration.interfaces)
        try await withMDNSQuerier(configuration: querierConfiguration, logger: logger) { querier in
            activity.attach(querier)
            defer { activity.attach(nil) }
            var published: [OTADevice] = []
            var publishedAt = ContinuousClock.now
            for await snapshot in querier.snapshots.cancelOnGracefulShutdown() {
                let devices = Self.devices(from: snapshot, started: querier.started)
                let sameBoards = devices.map(Self.withoutLastSeen) == published.map(Self.withoutLastSeen)
                guard !sameBoards || ContinuousClock.now - publishedAt >= Self.lastSeenInterval else { continue }
                await inventory.update(source: .mdns, devices: devices.map(Device.ota))
                published = devices
                publishedAt = .now
            }
        }
    }

    /// The devices of a snapshot; a board found on two interfaces gets `@<interface>` on the second id.
    static func devices(from snapshot: [MDNSService], started: ContinuousClock.Instant) -> [OTADevice] {
        let now = Timestamp.now()
        let clockNow = ContinuousClock.now
        var seen = Set<String>()
        return snapshot.map { service in
            let txt = service.txt.dictionary
            var id = OTADevice.identifier(instance: service.instanceName, service: service.serviceType)
            if !seen.insert(id).inserted { id += "@\(service.interfaceName)" }
            let age = clockNow - (started + service.lastSeen)
            let lastSeen = Timestamp(
                millisecondsSinceEpoch: now.millisecondsSinceEpoch
                    - Int64(age.components.seconds) * 1000 - age.components.attoseconds / 1_000_000_000_000_000)
            return OTADevice(
                id: id, name: service.instanceName, service: service.serviceType, host: service.host,
                addresses: service.addresses, port: Int(service.port), txt: txt,
                board: service.txt["board"] ?? service.txt["platform"], authRequired: service.txt["auth_upload"] == "yes",
                interface: service.interfaceName, since: now, lastSeen: lastSeen)
        }
    }

    private static func withoutLastSeen(_ device: OTADevice) -> OTADevice {
        var copy = device
        copy.lastSeen = Timestamp(millisecondsSinceEpoch: 0)
        copy.since = Timestamp(millisecondsSinceEpoch: 0)
        return copy
    }
}
