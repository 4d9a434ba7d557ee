import AgentCore
import ArgumentParser
import RemoteClient

/// `pioctl remote agent list`: every agent whose presence the user can read.
struct RemoteAgentListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the agents on the broker, online or not.")

    @ParentCommand var remote: RemoteCommand

    @Flag(name: .long, help: "Print a JSON array of presence objects.")
    var json = false

    func run() async throws {
        let options = remote.options
        let timeout = try options.deadline()
        let directory = try await RemoteFailure.reporting {
            try await RemoteDirectory.fetch(
                profile: try ClientProfileStore().load(), agents: options.agents, timeout: timeout, logger: Pioctl.quietLogger)
        }
        RemoteListingNotes.warnIfIncomplete(directory, timeout: options.timeout)
        let presences = directory.presences.values.sorted { $0.agent < $1.agent }
        if json {
            try Output.printJSON(presences)
        } else {
            Output.print(AgentTable(presences, shared: Set(directory.inventories.keys)).text)
        }
    }
}
