public import AgentCore
public import MQTT
public import SessionStream

/// A serial monitor session seen from the user's side: the agent's answer to
/// `device.monitor.open`, and the link that carries the bytes both ways.
public struct RemoteMonitor: Sendable {
    /// What `device.monitor.open` answered.
    public struct Opened: Sendable, Hashable, Codable {
        /// The session.
        public var session: SessionID
        /// The port's device path on the agent.
        public var port: String
        /// The line settings in force, as the agent reports them.
        public var settings: [String: JSONValue]
        /// The modem lines (`dtr`, `rts`, `cts`, `dsr`, `ri`, `cd`), or nil for a port without them.
        public var modem: [String: Bool]?
    }

    /// The agent's answer.
    public let opened: Opened
    /// The session's stream: ``SessionStreamLink/send(_:)`` to the board, ``SessionStreamLink/deliveries`` from it.
    /// Its owner runs ``SessionStreamLink/run()`` for as long as the session lasts.
    public let link: SessionStreamLink

    /// Opens a monitor on `agent` with `params` (docs/protocol.md §7) and registers its stream
    /// with `router`. The client must subscribe to the user's replies and session streams
    /// (``RemoteRequester/replyFilter(user:topics:)``, ``RemoteSessionRouter/sessionFilter(user:topics:)``).
    ///
    /// The link acknowledges at least every `heartbeat`, well within the agent's grace period
    /// (`session_grace_s`, 60 s by default), so that a quiet session stays open.
    ///
    /// - Throws: ``RemoteClientError``, with the agent's error (`unknown_port`, `port_busy`,
    ///   `forbidden`…) in `rpc`.
    public static func open(
        _ params: [String: JSONValue], on agent: String, user: String, client: MQTTClient, requester: RemoteRequester,
        router: RemoteSessionRouter, topics: RemoteTopics = RemoteTopics(), heartbeat: Duration = .seconds(15),
        deadline: ContinuousClock.Instant
    ) async throws(RemoteClientError) -> RemoteMonitor {
        let opened = try await requester.call(
            "device.monitor.open", params: params, on: agent, as: Opened.self, deadline: deadline)
        let topic = topics.sessionFromUser(agent: agent, user: user, session: opened.session)
        // The user's side waits for room rather than dropping keystrokes or an upload; its
        // heartbeat tells the agent the user is still there.
        let link = SessionStreamLink(overflow: .wait, heartbeat: heartbeat) { bytes in
            let code = try await client.publish(MQTTOutgoingMessage(topic: topic, payload: bytes))
            guard !code.isFailure else { throw RemoteClientError(.refused, "the broker refused a session frame (\(code))") }
        }
        await router.register(link, for: opened.session)
        return RemoteMonitor(opened: opened, link: link)
    }
}
