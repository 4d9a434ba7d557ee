import NIOHTTP1
import Prometheus

/// The control API's own counters, in the daemon's Prometheus registry.
struct ControlAPIMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// Counts one answered request by route and status.
    func countRequest(route: String, status: HTTPResponseStatus) {
        registry.makeCounter(
            descriptor: Self.requests, labels: [("route", route), ("status", String(status.code))]
        ).increment()
    }

    /// Counts one connection refused because too many were open.
    func countRejectedConnection() {
        registry.makeCounter(descriptor: Self.rejectedConnections).increment()
    }

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "pio_agent", subsystem: "api", metricName: "requests", unitName: "total",
            helpText: "Control API requests answered, by route and HTTP status.")
    }

    private static var rejectedConnections: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "pio_agent", subsystem: "api", metricName: "connections_rejected", unitName: "total",
            helpText: "Control API connections refused because the connection limit was reached.")
    }
}
