import AgentCore
import CloudLink
import MDNS
import ControlAPI
import Inventory
import Prometheus
import Synchronization
import Udev

/// The daemon's Prometheus metrics: counters kept as things happen, gauges read at scrape time.
final class AgentMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// Values already added to counters that mirror counts kept elsewhere.
    private let mirrored = Mutex<[String: UInt64]>([:])

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    func countReannounce() {
        registry.makeCounter(descriptor: Self.descriptor("reannounce_requests", unit: "total", "Rescans asked for through the control API.")).increment()
    }

    /// Brings every gauge and mirrored counter up to date and returns the text exposition.
    func render(
        inventory: Inventory, monitor: UdevMonitor, rescans: RescanStatistics, server: ControlServerStatistics,
        cloud: CloudLink?, mdns: MDNSQuerierStatistics?, agentName: String, uptime: Duration
    ) async -> [UInt8] {
        let devices = Self.descriptor("devices", unit: "", "Devices in the inventory, by kind and presence.")
        for present in [true, false] {
            registry.makeGauge(descriptor: devices, labels: [("kind", SerialDevice.kind), ("present", "\(present)")])
                .set(Double(await inventory.count(kind: SerialDevice.kind, present: present)))
        }
        registry.makeGauge(descriptor: devices, labels: [("kind", OTADevice.kind), ("present", "true")])
            .set(Double(await inventory.count(kind: OTADevice.kind)))
        mirror("udev_events", monitor.eventsReceived, labels: [], help: "tty events received from udev.")
        mirror("udev_overruns", monitor.overruns, labels: [], help: "udev receive-buffer overruns (each followed by a rescan).")
        for (reason, count) in rescans.byReason {
            mirror("rescans", count, labels: [("reason", reason.rawValue)], help: "Inventory rescans, by reason.")
        }
        registry.makeGauge(descriptor: Self.descriptor("control_connections", unit: "", "Open control API connections."))
            .set(Double(server.connections))
        registry.makeGauge(descriptor: Self.descriptor("event_subscribers", unit: "", "Clients following /v1/events."))
            .set(Double(server.eventSubscribers))
        if let cloud { renderCloud(cloud) }
        if let mdns { renderMDNS(mdns) }
        registry.makeGauge(descriptor: Self.descriptor("uptime", unit: "seconds", "Seconds since the daemon started."))
            .set(Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18)
        registry.makeGauge(
            descriptor: Self.descriptor("info", unit: "", "Constant 1, labelled with the agent's name and version."),
            labels: [("name", agentName), ("version", AgentVersion.current)]
        ).set(Double(1))
        return registry.emitToBuffer()
    }

    private func renderCloud(_ cloud: CloudLink) {
        let status = cloud.board.status
        let figures = cloud.board.figures
        registry.makeGauge(descriptor: Self.descriptor("cloud_connected", unit: "", "1 while the broker link is up."))
            .set(Double(status.state == "connected" ? 1 : 0))
        registry.makeGauge(
            descriptor: Self.descriptor(
                "cloud_acl_enforced", unit: "", "1 when the broker proved it enforces the ACL, 0 when it did not, -1 unknown."))
            .set(Double(status.acl == "enforced" ? 1 : status.acl == "unenforced" ? 0 : -1))
        mirror("cloud_reconnects", status.reconnects, labels: [], help: "Broker connections after the first.")
        mirror("cloud_inventory_publishes", figures.inventoryPublishes, labels: [], help: "Inventory messages published.")
        mirror("cloud_requests", figures.requests, labels: [], help: "Remote requests received.")
        mirror("cloud_requests_denied", figures.requestsDenied, labels: [], help: "Remote requests refused as forbidden.")
        mirror("cloud_requests_failed", figures.requestsFailed, labels: [], help: "Remote requests answered with another error.")
    }

    private func renderMDNS(_ mdns: MDNSQuerierStatistics) {
        mirror("mdns_packets_received", mdns.received, labels: [], help: "mDNS packets received, over IPv4 and IPv6.")
        mirror(
            "mdns_packets_sent", mdns.sent, labels: [],
            help: "mDNS query packets sent, one per query and IP version of the interface.")
        mirror("mdns_packets_malformed", mdns.malformed, labels: [], help: "mDNS packets dropped as malformed.")
        mirror("mdns_packets_ignored", mdns.ignored, labels: [], help: "mDNS packets from interfaces not in use or off-link.")
        registry.makeGauge(descriptor: Self.descriptor("mdns_interfaces", unit: "", "Interfaces mDNS browses on."))
            .set(Double(mdns.interfaces))
        registry.makeGauge(descriptor: Self.descriptor("mdns_records", unit: "", "mDNS records cached."))
            .set(Double(mdns.records))
    }

    /// Adds to a counter what a count kept elsewhere gained since the last scrape.
    private func mirror(_ name: String, _ value: UInt64, labels: [(String, String)], help: String) {
        let key = name + labels.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        let delta = mirrored.withLock { mirrored -> UInt64 in
            defer { mirrored[key] = value }
            return value &- (mirrored[key] ?? 0)
        }
        let counter = registry.makeCounter(descriptor: Self.descriptor(name, unit: "total", help), labels: labels)
        if delta > 0 { counter.increment(by: Int64(delta)) }
    }

    private static func descriptor(_ name: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "pio_agent", metricName: name, unitName: unit, helpText: help)
    }
}
