import Agent
import AgentConfig
import AgentCore
import ArgumentParser

/// `pio-agentd`: the board-farm agent daemon. Runs in the foreground (systemd supervises it).
@main
struct PioAgentd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pio-agentd",
        abstract: "The PIO Remote board-farm agent: tracks serial boards and serves the control API.",
        discussion: """
            Runs in the foreground; systemd (pio-agentd.service) supervises it. SIGTERM or SIGINT stop it \
            gracefully, SIGHUP reloads the configuration. Exit status 2 means a configuration error.
            """,
        version: AgentVersion.current
    )

    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The agent's name, overriding [agent] name.", valueName: "name"))
    var name: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The lowest level logged: \(LogLevel.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "level"))
    var logLevel: String?

    func validate() throws {
        if let logLevel, LogLevel(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let options = DaemonOptions(configPath: config, name: name, logLevel: logLevel.flatMap(LogLevel.init(rawValue:)))
        let status = await AgentDaemon.run(options)
        if status != 0 { throw ExitCode(status) }
    }
}
