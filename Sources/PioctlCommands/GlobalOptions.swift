import AgentCore
import ArgumentParser
import ControlClient

/// Options every command that talks to the daemon takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The daemon's control socket (default: $PIO_AGENT_SOCKET, else \(ControlSocket.defaultPath)).",
            valueName: "path"))
    var socket: String?

    /// The socket to use: `--socket`, else the environment, else the default path.
    var socketPath: String { socket ?? ControlSocket.pathFromEnvironment() }

    /// A client of the daemon with the given deadline per call.
    func client(timeout: Duration = .seconds(5)) -> ControlClient {
        ControlClient(socketPath: socketPath, timeout: timeout)
    }
}
