public import AgentCore
public import MQTT
public import SessionStream

/// Hands a client's received messages to where they belong: replies to the requester, session
/// stream frames to their session's link. Frames of a session that arrive before its link is
/// registered (the agent may send before its reply to `device.monitor.open` arrives) are kept,
/// up to a bound, and handed over when it is.
public actor RemoteSessionRouter {
    private let requester: RemoteRequester
    private let user: String
    private let topics: RemoteTopics
    private var links: [SessionID: SessionStreamLink] = [:]
    private var early: [SessionID: [[UInt8]]] = [:]
    /// Frames kept for sessions not yet registered, at most.
    private let earlyLimit = 256

    /// A router for `user`'s messages.
    public init(requester: RemoteRequester, user: String, topics: RemoteTopics = RemoteTopics()) {
        self.requester = requester
        self.user = user
        self.topics = topics
    }

    /// The filter for every agent's session streams to `user`.
    public static func sessionFilter(user: String, topics: RemoteTopics = RemoteTopics()) -> String {
        "\(topics.prefix)/agents/+/for/\(user)/s/+"
    }

    /// Routes every message of `client` until its stream ends.
    public func route(_ messages: MQTTMessageStream) async {
        for await message in messages { await deliver(message) }
    }

    /// Routes one message.
    public func deliver(_ message: MQTTMessage) async {
        if await requester.deliver(message) { return }
        guard case .sessionFromAgent(_, let recipient, let session)? = topics.parse(message.topic), recipient == user else {
            return
        }
        if let link = links[session] {
            await link.receive(message.payload)
        } else if early.values.reduce(0, { $0 + $1.count }) < earlyLimit {
            early[session, default: []].append(message.payload)
        }
    }

    /// Sends session `id`'s frames to `link` from now on, starting with any that came early.
    public func register(_ link: SessionStreamLink, for id: SessionID) async {
        links[id] = link
        for payload in early.removeValue(forKey: id) ?? [] { await link.receive(payload) }
    }

    /// Stops routing session `id`'s frames (its session has ended); later ones are dropped with
    /// the early frames' bound.
    public func unregister(_ id: SessionID) {
        links[id] = nil
    }
}
