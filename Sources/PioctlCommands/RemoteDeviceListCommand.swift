import AgentCore
import ArgumentParser
import RemoteClient

/// `pioctl remote device list`: the boards of every agent that shares with the user.
struct RemoteDeviceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the boards of the agents shared with you.",
        discussion: """
            With --json, prints an array of {"agent", "online", "devices": [...]}, one per agent, \
            with the device objects of `pioctl devices --json`.
            """)

    @ParentCommand var remote: RemoteCommand

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .long, help: "Only boards found by mDNS (flashed over the air).")
    var mdns = false

    @Flag(name: .long, help: "Only serial ports.")
    var serial = false

    /// One agent's boards, as `--json` prints them.
    struct AgentDevices: Encodable {
        let agent: String
        let online: Bool
        let devices: [Device]
    }

    func run() async throws {
        let options = remote.options
        let timeout = try options.deadline()
        let profile = try await RemoteFailure.reporting { try ClientProfileStore().load() }
        let directory = try await RemoteFailure.reporting {
            try await RemoteDirectory.fetch(profile: profile, agents: options.agents, timeout: timeout, logger: Pioctl.quietLogger)
        }
        RemoteListingNotes.warnIfIncomplete(directory, timeout: options.timeout)
        let filter = DeviceKindFilter(mdns: mdns, serial: serial)
        let listing = directory.inventories.values.sorted { $0.agent < $1.agent }.map {
            AgentDevices(
                agent: $0.agent, online: directory.presences[$0.agent]?.online ?? false,
                devices: $0.devices.filter(filter.admits))
        }
        if json {
            try Output.printJSON(listing)
            return
        }
        guard !listing.isEmpty else {
            Output.print("No agent shares boards with \(profile.username).")
            return
        }
        let sections = listing.map { agent in
            let state = agent.online ? "online" : "offline"
            let count = agent.devices.count == 1 ? "1 device" : "\(agent.devices.count) devices"
            return "\(agent.agent) (\(state), \(count))\n" + DeviceTable(agent.devices).text
        }
        Output.print(sections.joined(separator: "\n\n"))
    }
}
