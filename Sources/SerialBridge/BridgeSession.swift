public import AgentCore
public import RemoteClient

/// The remote monitor session behind one bridge client: its stream, and the agent calls that
/// change its line and close it.
public struct BridgeSession: Sendable {
    /// The opened monitor: its answer and its stream.
    public let monitor: RemoteMonitor
    private let requester: RemoteRequester
    private let router: RemoteSessionRouter
    private let agent: String
    private let timeout: Duration

    /// A session opened on `agent` as `monitor`, whose calls go through `requester` and wait at
    /// most `timeout`.
    public init(
        monitor: RemoteMonitor, requester: RemoteRequester, router: RemoteSessionRouter, agent: String,
        timeout: Duration
    ) {
        self.monitor = monitor
        self.requester = requester
        self.router = router
        self.agent = agent
        self.timeout = timeout
    }

    /// The settings and modem lines the port had when opened, in `device.control`'s form.
    public var openingStatus: [String: JSONValue] {
        var status = monitor.opened.settings
        if let modem = monitor.opened.modem { status["modem"] = .object(modem.mapValues(JSONValue.bool)) }
        return status
    }

    /// Calls `device.control` with `params`; returns the settings and modem lines in force.
    public func control(_ params: [String: JSONValue]) async throws(RemoteClientError) -> [String: JSONValue] {
        var params = params
        params["session"] = .string(monitor.opened.session.rawValue)
        return try await requester.call(
            "device.control", params: params, on: agent, as: [String: JSONValue].self, deadline: .now + timeout)
    }

    /// Stops routing the session's frames and, when `closing` (the client left while the session
    /// was open), closes it on the agent.
    public func finish(closing: Bool) async throws(RemoteClientError) {
        await router.unregister(monitor.opened.session)
        guard closing else { return }
        let _: JSONValue = try await requester.call(
            "session.close", params: ["session": .string(monitor.opened.session.rawValue)], on: agent,
            as: JSONValue.self, deadline: .now + timeout)
    }
}
