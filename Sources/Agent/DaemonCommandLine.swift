import AgentConfig
import AgentCore

/// The command line of `pio-agentd`: `[--config PATH] [--name NAME] [--share USER]...
/// [--log-level LEVEL]`, `--help`, `--version`.
///
/// The daemon parses its few options by hand rather than with swift-argument-parser: the
/// parser's code would be a fifth of the daemon's idle memory (`make bench`, `idle_rss_kib`).
public enum DaemonCommandLine {
    /// What the command line asks for.
    public enum Request: Sendable, Equatable {
        /// Run the daemon.
        case run(DaemonOptions)
        /// Print ``usage`` and exit 0.
        case help
        /// Print the version and exit 0.
        case version
    }

    /// Why the command line was refused; printed with ``usage`` and exit status 64.
    public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// The help text.
    public static let usage = """
        USAGE: pio-agentd [--config <path>] [--name <name>] [--share <user> ...] [--log-level <level>]

        The PIO Remote board-farm agent: tracks serial boards, serves the control API and,
        with a [cloud] section, links them to an MQTT broker for remote use.
        Runs in the foreground; systemd (pio-agentd.service) supervises it. SIGTERM or SIGINT
        stop it gracefully, SIGHUP reloads the configuration. Exit status 2 means a
        configuration error.

        OPTIONS:
          --config <path>      The configuration file (default: /etc/pio-agent/agent.toml).
          -n, --name <name>    The agent's name (its broker user name), overriding [agent] name.
          -s, --share <user>   Share the agent with a broker user (repeat it; * for everyone),
                               replacing [agent] share.
          --log-level <level>  The lowest level logged: \(LogLevel.allCases.map(\.rawValue).joined(separator: ", ")).
          --version            Show the version.
          -h, --help           Show help information.
        """

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) throws(UsageError) -> Request {
        var options = DaemonOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            let (name, inlineValue) = split(argument)
            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst() else { throw UsageError(description: "\(name) needs a value") }
                return next
            }
            switch name {
            case "-h", "--help": return .help
            case "--version": return .version
            case "--config": options.configPath = try value()
            case "--name", "-n": options.name = try value()
            case "--share", "-s": options.share = (options.share ?? []) + [try value()]
            case "--log-level":
                let text = try value()
                guard let level = LogLevel(rawValue: text) else {
                    throw UsageError(
                        description: "--log-level must be one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", ")), not \(text)")
                }
                options.logLevel = level
            default:
                throw UsageError(description: "unknown argument \(argument)")
            }
        }
        return .run(options)
    }

    /// `--name=value` → (`--name`, `value`); other arguments → (argument, nil).
    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
