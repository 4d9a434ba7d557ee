import AgentCore
import ArgumentParser
import ControlClient

/// `pioctl status`: the daemon's health at a glance.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the agent's state: name, uptime, udev source, device counts, control API.")

    @ParentCommand var pioctl: Pioctl

    @Flag(name: .long, help: "Print the status document as JSON (the answer of GET /v1/status).")
    var json = false

    func run() throws {
        let status = try CommandFailure.reporting { try pioctl.global.client().get("/v1/status", as: AgentStatus.self) }
        if json {
            try Output.printJSON(status)
        } else {
            Output.print(StatusReport(status).text)
        }
    }
}
