import AgentCore
public import AgentConfig

/// The command line of `pio-agentd`.
public struct DaemonOptions: Sendable, Equatable {
    /// `--config PATH`; nil reads the default path (missing is fine there).
    public var configPath: String?
    /// `--name NAME`, overriding `[agent] name`.
    public var name: String?
    /// `--log-level LEVEL`, overriding `[log] level`.
    public var logLevel: LogLevel?
    /// `--share USER`, repeated; replaces `[agent] share` when given.
    public var share: [String]?

    /// Creates options.
    public init(configPath: String? = nil, name: String? = nil, logLevel: LogLevel? = nil, share: [String]? = nil) {
        self.configPath = configPath
        self.name = name
        self.logLevel = logLevel
        self.share = share
    }

    /// Loads the configuration and applies the command-line overrides.
    func loadConfiguration() throws(ConfigurationError) -> AgentConfiguration {
        var configuration = try AgentConfiguration.load(path: configPath)
        if let name {
            guard AgentName.isValid(name) else {
                throw ConfigurationError(
                    file: nil, line: nil, key: "--name", message: "must be 1 to 64 of A-Z a-z 0-9 . _ -")
            }
            configuration.agent.name = name
        }
        if let share {
            if let bad = share.first(where: { $0 != "*" && !AgentName.isValid($0) }) {
                throw ConfigurationError(
                    file: nil, line: nil, key: "--share",
                    message: "\(bad) is not a broker user name (1 to 64 of A-Z a-z 0-9 . _ -) or *")
            }
            configuration.agent.share = share
        }
        if let logLevel { configuration.log.level = logLevel }
        return configuration
    }
}
