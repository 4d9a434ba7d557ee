public import AgentCore
public import Logging
public import MQTT

/// A user's broker connection set up for serial sessions: subscribed to their RPC replies and
/// session streams, with the requester and the router running, for as long as a body runs.
public struct RemoteMonitorClient: Sendable {
    /// The broker connection.
    public let client: MQTTClient
    /// The RPC requester (`device.control`, `session.close`…).
    public let requester: RemoteRequester
    /// The router of the session streams.
    public let router: RemoteSessionRouter
    /// The user's settings.
    public let profile: ClientProfile

    /// A connection already set up: `router` routes `client`'s messages, and `client` is
    /// subscribed to `profile`'s user's replies and session streams.
    public init(client: MQTTClient, requester: RemoteRequester, router: RemoteSessionRouter, profile: ClientProfile) {
        self.client = client
        self.requester = requester
        self.router = router
        self.profile = profile
    }

    /// Connects as `profile`'s user and runs `body` with the connection ready for sessions; the
    /// connection comes back after a broker restart when `reconnects` (a session's stream then
    /// resends what was not acknowledged meanwhile).
    public static func with<Result: Sendable>(
        profile: ClientProfile, deadline: ContinuousClock.Instant, reconnects: Bool = true, logger: Logger,
        _ body: (RemoteMonitorClient) async throws -> Result
    ) async throws -> Result {
        let user = profile.username
        return try await RemoteSession.with(
            profile: profile,
            subscriptions: [
                RemoteRequester.replyFilter(user: user, topics: profile.topics),
                RemoteSessionRouter.sessionFilter(user: user, topics: profile.topics),
            ],
            deadline: deadline, reconnects: reconnects, logger: logger
        ) { client in
            let requester = RemoteRequester(client: client, user: user, topics: profile.topics)
            let router = RemoteSessionRouter(requester: requester, user: user, topics: profile.topics)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await router.route(client.messages) }
                defer { group.cancelAll() }
                return try await body(
                    RemoteMonitorClient(client: client, requester: requester, router: router, profile: profile))
            }
        }
    }

    /// Opens a monitor on `agent` with `params` (``RemoteMonitor/open(_:on:user:client:requester:router:topics:heartbeat:deadline:)``).
    public func open(
        _ params: [String: JSONValue], on agent: String, heartbeat: Duration = .seconds(15),
        deadline: ContinuousClock.Instant
    ) async throws(RemoteClientError) -> RemoteMonitor {
        try await RemoteMonitor.open(
            params, on: agent, user: profile.username, client: client, requester: requester, router: router,
            topics: profile.topics, heartbeat: heartbeat, deadline: deadline)
    }
}
