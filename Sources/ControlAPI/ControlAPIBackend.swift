public import AgentCore
public import Inventory

/// What the control API serves; the daemon implements it.
public protocol ControlAPIBackend: Sendable {
    /// The document of `GET /v1/status`.
    func status() async -> AgentStatus
    /// The document of `GET /v1/devices`.
    func deviceList() async -> DeviceList
    /// The device whose id, kernel name, port or link is `name`.
    func device(named name: String) async -> Device?
    /// Rescans udev (and static ports) now, all of them or the one named, and says what changed.
    func reannounce(device: String?) async throws(ControlAPIError) -> ReannounceResult
    /// A subscription to inventory events, starting with a snapshot.
    func subscribe() async -> InventorySubscription
    /// The Prometheus text exposition of every metric.
    /// The live sessions, oldest first (`GET /v1/sessions`).
    func sessions() async -> SessionList
    func metricsText() async -> [UInt8]
}
