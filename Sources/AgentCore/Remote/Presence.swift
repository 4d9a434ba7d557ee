/// The retained presence of an agent at `P/agents/A/presence`, and its last will.
public struct Presence: Sendable, Hashable, Codable {
    /// The agent's name.
    public var agent: String
    /// Whether the agent is connected.
    public var online: Bool
    /// The agent's version.
    public var version: String
    /// The agent's host name.
    public var hostname: String
    /// The broker user who owns the agent, or nil.
    public var owner: String?
    /// When the daemon started.
    public var startedAt: Timestamp
    /// When this state began; absent in the last will, which is written before it applies.
    public var since: Timestamp?

    enum CodingKeys: String, CodingKey {
        case agent, online, version, hostname, owner, since
        case startedAt = "started_at"
    }

    /// Creates a presence.
    public init(
        agent: String, online: Bool, version: String, hostname: String, owner: String?, startedAt: Timestamp,
        since: Timestamp?
    ) {
        self.agent = agent
        self.online = online
        self.version = version
        self.hostname = hostname
        self.owner = owner
        self.startedAt = startedAt
        self.since = since
    }

    /// Writes `owner` as `null` when absent; `since` only when known.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agent, forKey: .agent)
        try container.encode(online, forKey: .online)
        try container.encode(version, forKey: .version)
        try container.encode(hostname, forKey: .hostname)
        try container.encode(owner, forKey: .owner)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(since, forKey: .since)
    }
}
