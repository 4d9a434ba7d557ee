public import ArgumentParser
import AgentCore
import Logging

/// `pioctl`: the command line of the PIO Remote agent.
public struct Pioctl: AsyncParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "pioctl",
        abstract: "Control the PIO Remote agent (pio-agentd) on this host, and use board farms remotely.",
        discussion: """
            The local commands talk to pio-agentd over its control socket: --socket, else \
            $PIO_AGENT_SOCKET, else \(ControlSocket.defaultPath). Using it needs membership of the \
            socket's group (pio-agent) or root. The remote commands (`pioctl remote`) go through \
            the MQTT broker that `pioctl login` names.
            """,
        version: AgentVersion.current,
        subcommands: [
            StatusCommand.self, DevicesCommand.self, DeviceCommand.self, ReannounceCommand.self, RemoteCommand.self, LoginCommand.self,
            LogoutCommand.self, VersionCommand.self,
        ]
    )

    /// Options for every subcommand that talks to the daemon; they may come before or after it.
    @OptionGroup var global: GlobalOptions

    /// Creates the command (argument parsing fills it in).
    public init() {}

    /// The logger handed to libraries: remote commands report failures themselves, once.
    static let quietLogger = Logger(label: "pioctl") { _ in SwiftLogNoOpLogHandler() }
}
