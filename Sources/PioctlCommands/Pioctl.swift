public import ArgumentParser
import AgentCore

/// `pioctl`: the command line of the PIO Remote agent.
public struct Pioctl: ParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "pioctl",
        abstract: "Control and inspect the PIO Remote agent (pio-agentd) on this host.",
        discussion: """
            The local commands talk to pio-agentd over its control socket: --socket, else \
            $PIO_AGENT_SOCKET, else \(ControlSocket.defaultPath). Using it needs membership of the \
            socket's group (pio-agent) or root.
            """,
        version: AgentVersion.current,
        subcommands: [StatusCommand.self, DevicesCommand.self, ReannounceCommand.self, VersionCommand.self]
    )

    /// Options for every subcommand that talks to the daemon; they may come before or after it.
    @OptionGroup var global: GlobalOptions

    /// Creates the command (argument parsing fills it in).
    public init() {}
}
