public import AgentCore

/// How `pioctl` reaches the broker: the settings of `pioctl login`, with environment overrides.
public struct ClientProfile: Sendable, Hashable {
    /// The broker.
    public var broker: BrokerURL
    /// The broker user name.
    public var username: String
    /// The password or token, or nil. Never printed.
    public var password: String?
    /// PEM CA certificates to trust, or nil for the system's trust store.
    public var caFile: String?
    /// The contract's topic prefix.
    public var prefix: String

    /// Creates a profile.
    public init(broker: BrokerURL, username: String, password: String?, caFile: String?, prefix: String = RemoteTopics.defaultPrefix) {
        self.broker = broker
        self.username = username
        self.password = password
        self.caFile = caFile
        self.prefix = prefix
    }

    /// The contract's topics under ``prefix``.
    public var topics: RemoteTopics { RemoteTopics(prefix: prefix) }
}
