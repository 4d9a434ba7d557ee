import AgentCore
import ArgumentParser
import RemoteClient

/// `pioctl remote device lock`: takes (or renews) a lease on a board, so that other users'
/// monitors are refused until it ends.
struct RemoteDeviceLockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "Take a lease on a board: other users cannot open it until it ends.",
        discussion: "Run it again to renew the lease. `pioctl remote device unlock` ends it; the agent's owner can end anyone's.")

    @ParentCommand var remote: RemoteCommand

    @Option(name: [.short, .long], help: ArgumentHelp("The port: a device id, path or /dev/serial/by-id link.", valueName: "port"))
    var port: String

    @Option(name: .long, help: ArgumentHelp("How long the lease lasts, in seconds (1 to 86400).", valueName: "seconds"))
    var ttl: Int = 3600

    @Flag(name: .long, help: "Print the lease as JSON.")
    var json = false

    func validate() throws {
        guard (1...86_400).contains(ttl) else { throw ValidationError("--ttl must be 1 to 86400 seconds") }
    }

    func run() async throws {
        let timeout = try remote.options.deadline()
        let lease = try await RemotePortAccess.with(port: port, options: remote.options, reconnects: false) { sessions, agent in
            try await sessions.requester.call(
                "device.lock", params: ["port": .string(port), "ttl_s": .number(Double(ttl))], on: agent,
                as: DeviceLease.self, deadline: .now + timeout)
        }
        if json {
            try Output.printJSON(lease)
        } else {
            Output.print("\(lease.port) is locked by \(lease.user) until \(lease.expires)")
        }
    }
}
