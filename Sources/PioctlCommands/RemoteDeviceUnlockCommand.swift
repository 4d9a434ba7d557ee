import AgentCore
import ArgumentParser
import RemoteClient

/// `pioctl remote device unlock`: ends a lease.
struct RemoteDeviceUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "End a lease on a board (yours, or anyone's as the agent's owner).")

    @ParentCommand var remote: RemoteCommand

    @Option(name: [.short, .long], help: ArgumentHelp("The port: a device id, path or /dev/serial/by-id link.", valueName: "port"))
    var port: String

    func run() async throws {
        let timeout = try remote.options.deadline()
        try await RemotePortAccess.with(port: port, options: remote.options, reconnects: false) { sessions, agent in
            let _: JSONValue = try await sessions.requester.call(
                "device.unlock", params: ["port": .string(port)], on: agent, as: JSONValue.self, deadline: .now + timeout)
        }
        Output.print("\(port) is unlocked")
    }
}
