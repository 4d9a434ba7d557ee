/// The result of the `agent.info` method.
public struct AgentInfo: Sendable, Hashable, Codable {
    /// The agent's name.
    public var agent: String
    /// The agent's version.
    public var version: String
    /// The agent's host name.
    public var hostname: String
    /// When the daemon started.
    public var startedAt: Timestamp
    /// The owner, or nil.
    public var owner: String?
    /// How many devices the inventory holds.
    public var devices: Int
    /// `enforced` or `unenforced`: what the broker ACL self-check found.
    public var acl: String
    /// The methods this agent answers.
    public var methods: [String]

    enum CodingKeys: String, CodingKey {
        case agent, version, hostname, owner, devices, acl, methods
        case startedAt = "started_at"
    }

    /// Creates the result.
    public init(
        agent: String, version: String, hostname: String, startedAt: Timestamp, owner: String?, devices: Int,
        acl: String, methods: [String]
    ) {
        self.agent = agent
        self.version = version
        self.hostname = hostname
        self.startedAt = startedAt
        self.owner = owner
        self.devices = devices
        self.acl = acl
        self.methods = methods
    }

    /// Writes `owner` as `null` when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agent, forKey: .agent)
        try container.encode(version, forKey: .version)
        try container.encode(hostname, forKey: .hostname)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(owner, forKey: .owner)
        try container.encode(devices, forKey: .devices)
        try container.encode(acl, forKey: .acl)
        try container.encode(methods, forKey: .methods)
    }
}
