import AgentCore
import ArgumentParser

/// `pioctl remote device unlock`: ends a lease.
struct RemoteDeviceUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "End a lease on a board (yours, or anyone's as the agent's owner).")

    @ParentCommand var remote: RemoteCommand

    @Option(name: [.short, .long], help: ArgumentHelp("The port: a device id, path or /dev/serial/by-id link.", valueName: "port"))
    var port: String

    func run() async throws {
        let _: JSONValue = try await RemoteDeviceLeaseCall.call(
            "device.unlock", params: ["port": .string(port)], port: port, options: remote.options)
        Output.print("\(port) is unlocked")
    }
}
