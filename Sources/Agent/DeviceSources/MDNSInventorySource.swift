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
            // The snapshot last turned into devices, and those devices (boxes the inventory shares).
            var published: [MDNSService] = []
            var publishedDevices: [Device] = []
            var publishedAt = ContinuousClock.now
            for await snapshot in querier.snapshots.cancelOnGracefulShutdown() {
                let sameBoards = snapshot.elementsEqual(published) { Self.withoutLastSeen($0) == Self.withoutLastSeen($1) }
                let refreshLastSeen = ContinuousClock.now - publishedAt >= Self.lastSeenInterval
                guard !sameBoards || refreshLastSeen else {
                    // Hold the querier's current snapshot rather than an older copy of it; the
                    // devices still line up with it, `last_seen` aside.
                    published = snapshot
                    continue
                }
                let devices = Self.devices(
                    from: snapshot, started: querier.started,
                    reusing: refreshLastSeen ? nil : (services: published, devices: publishedDevices))
                await inventory.update(source: .mdns, devices: devices)
                published = snapshot
                publishedDevices = devices
                publishedAt = .now
            }
        }
    }

    /// The devices of a snapshot; a board found on two interfaces gets `@<interface>` on the second id.
    ///
    /// A board whose service is unchanged since `previous` (`last_seen` aside) keeps its device
    /// from then, so a burst of announcements does not rebuild every known board at every snapshot.
    static func devices(
        from snapshot: [MDNSService], started: ContinuousClock.Instant,
        reusing previous: (services: [MDNSService], devices: [Device])? = nil
    ) -> [Device] {
        let now = Timestamp.now()
        let clockNow = ContinuousClock.now
        var earlier: [ServiceKey: Int] = [:]
        if let previous {
            for (index, service) in previous.services.enumerated() { earlier[ServiceKey(service)] = index }
        }
        var seen = Set<String>()
        return snapshot.map { service in
            var id = OTADevice.identifier(instance: service.instanceName, service: service.serviceType)
            if !seen.insert(id).inserted { id += "@\(service.interfaceName)" }
            if let previous, let index = earlier[ServiceKey(service)], previous.devices[index].id == id,
                Self.withoutLastSeen(previous.services[index]) == Self.withoutLastSeen(service)
            {
                return previous.devices[index]
            }
            let age = clockNow - (started + service.lastSeen)
            let lastSeen = Timestamp(
                millisecondsSinceEpoch: now.millisecondsSinceEpoch
                    - Int64(age.components.seconds) * 1000 - age.components.attoseconds / 1_000_000_000_000_000)
            return .ota(
                OTADevice(
                    id: id, name: service.instanceName, service: service.serviceType, host: service.host,
                    addresses: service.addresses.map { Self.scoped($0, to: service.interfaceName) }, port: Int(service.port), txt: service.txt.dictionary,
                    board: service.txt["board"] ?? service.txt["platform"], authRequired: service.txt["auth_upload"] == "yes",
                    interface: service.interfaceName, since: now, lastSeen: lastSeen))
        }
    }

    /// A link-local IPv6 address with its interface (`fe80::1%eth0`), so that it can be used as it is.
    static func scoped(_ address: String, to interface: String) -> String {
        address.lowercased().hasPrefix("fe80:") && !interface.isEmpty ? "\(address)%\(interface)" : address
    }

    /// A service's identity across snapshots: its instance on its interface.
    private struct ServiceKey: Hashable {
        let instance: DNSName
        let interface: Int32

        init(_ service: MDNSService) {
            instance = service.instance
            interface = service.interface
        }
    }

    private static func withoutLastSeen(_ service: MDNSService) -> MDNSService {
        var copy = service
        copy.lastSeen = .zero
        return copy
    }
}
