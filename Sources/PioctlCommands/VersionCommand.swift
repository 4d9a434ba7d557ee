import AgentCore
import ArgumentParser

/// `pioctl version`: this CLI's version (no daemon needed; `pioctl status` shows the daemon's).
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print pioctl's version (`pioctl status` shows the daemon's).")

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        if json {
            try Output.printJSON(["pioctl": AgentVersion.current])
        } else {
            Output.print("pioctl \(AgentVersion.current)")
        }
    }
}
