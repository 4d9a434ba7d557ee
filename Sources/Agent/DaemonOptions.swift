public import AgentConfig

/// The command line of `pio-agentd`.
public struct DaemonOptions: Sendable, Equatable {
    /// `--config PATH`; nil reads the default path (missing is fine there).
    public var configPath: String?
    /// `--name NAME`, overriding `[agent] name`.
    public var name: String?
    /// `--log-level LEVEL`, overriding `[log] level`.
    public var logLevel: LogLevel?

    /// Creates options.
    public init(configPath: String? = nil, name: String? = nil, logLevel: LogLevel? = nil) {
        self.configPath = configPath
        self.name = name
        self.logLevel = logLevel
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
        if let logLevel { configuration.log.level = logLevel }
        return configuration
    }
}
