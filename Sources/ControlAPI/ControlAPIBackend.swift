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
    func metricsText() async -> [UInt8]
    /// The live sessions, oldest first (`GET /v1/sessions`).
    func sessions() async -> SessionList
    /// A live session (`GET /v1/sessions/{id}`).
    ///
    /// - Throws: 404 `unknown_session`; 410 `session_ended` with the reason, for a local monitor
    ///   that ended lately.
    func session(_ id: String) async throws(ControlAPIError) -> SessionSummary
    /// Opens a serial monitor for `peer` with the parameters of `device.monitor.open`
    /// (`POST /v1/sessions/monitor`); the connection then carries its bytes.
    ///
    /// - Throws: 400 `invalid_params`, 404 `unknown_port`, 409 `port_busy`, 502 `device_error`.
    func openMonitor(_ params: [String: JSONValue], for peer: ControlPeer) async throws(ControlAPIError)
        -> any ControlStream
    /// Changes the line of `peer`'s monitor `id` with the parameters of `device.control`
    /// (`POST /v1/sessions/{id}/control`); returns the settings in force.
    ///
    /// - Throws: 400 `invalid_params`, 404 `unknown_session`, 502 `device_error`.
    func controlSession(_ id: String, params: [String: JSONValue], for peer: ControlPeer) async throws(ControlAPIError)
        -> JSONValue
}
