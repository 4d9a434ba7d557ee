public import AgentCore
public import MQTT

/// What the cloud link needs to know: who the agent is and how it reaches the broker.
public struct CloudLinkConfiguration: Sendable {
    /// The agent's name (its broker identity).
    public var agentName: String
    /// The agent's host name, for presence.
    public var hostname: String
    /// When the daemon started.
    public var startedAt: Timestamp
    /// The broker.
    public var url: BrokerURL
    /// TLS settings, or nil for plain `mqtt://`.
    public var tls: MQTTTLSConfiguration?
    /// The broker user name.
    public var username: String
    /// The password or token, or nil. Never logged.
    public var password: String?
    /// Seconds between keepalive pings.
    public var keepaliveSeconds: Int
    /// The contract's topics.
    public var topics: RemoteTopics
    /// Serve requests even when the broker does not enforce the contract's ACL.
    public var trustUnenforcedACL: Bool
    /// Reconnect delays.
    public var backoff: ReconnectBackoff

    /// Creates a configuration.
    public init(
        agentName: String, hostname: String, startedAt: Timestamp, url: BrokerURL, tls: MQTTTLSConfiguration?,
        username: String, password: String?, keepaliveSeconds: Int, topics: RemoteTopics, trustUnenforcedACL: Bool,
        backoff: ReconnectBackoff = ReconnectBackoff()
    ) {
        self.agentName = agentName
        self.hostname = hostname
        self.startedAt = startedAt
        self.url = url
        self.tls = tls
        self.username = username
        self.password = password
        self.keepaliveSeconds = keepaliveSeconds
        self.topics = topics
        self.trustUnenforcedACL = trustUnenforcedACL
        self.backoff = backoff
    }
}
