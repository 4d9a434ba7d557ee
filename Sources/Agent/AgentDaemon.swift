import AgentConfig
import AgentCore
import Logging
import Systemd

/// The daemon's entry point: loads the configuration, sets up logging, and runs an
/// ``AgentRuntime`` until SIGTERM or SIGINT.
public enum AgentDaemon {
    /// Exit status for a configuration error (file, line and key are printed).
    public static let configurationErrorStatus: Int32 = 2
    /// Exit status for a failure to start or a failure while running.
    public static let failureStatus: Int32 = 1

    /// Runs the daemon in the foreground and returns its exit status.
    public static func run(_ options: DaemonOptions) async -> Int32 {
        let configuration: AgentConfiguration
        let cloudPassword: String?
        do {
            configuration = try options.loadConfiguration()
            cloudPassword = try configuration.cloud?.password()
        } catch {
            StandardStream.error.write("pio-agentd: \(error)\n")
            return configurationErrorStatus
        }
        let (logLevel, logger) = AgentLogging.bootstrap(level: configuration.log.level)
        do {
            try await AgentRuntime(
                configuration: configuration, cloudPassword: cloudPassword, options: options, logLevel: logLevel,
                logger: logger
            ).run()
            logger.info("stopped")
            return 0
        } catch {
            logger.critical("pio-agentd failed", metadata: ["error": "\(error)"])
            _ = try? SystemdNotifier().notify([.status("failed: \(error)"), .stopping])
            return failureStatus
        }
    }
}
