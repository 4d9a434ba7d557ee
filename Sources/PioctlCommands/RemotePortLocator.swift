import AgentCore
import RemoteClient

/// Finds the agent that has a port, for the commands that open one (`monitor`, `bridge`).
enum RemotePortLocator {
    /// The agent to use: the one named with -a, else the only agent shared with the user that
    /// lists `port`.
    ///
    /// - Throws: ``RemoteClientError`` when no agent or several list the port.
    static func agent(
        holding port: String, options: RemoteOptions, profile: ClientProfile, timeout: Duration
    ) async throws -> String {
        if let agent = options.agents.first { return agent }
        let directory = try await RemoteDirectory.fetch(profile: profile, agents: [], timeout: timeout, logger: Pioctl.quietLogger)
        let holders = directory.inventories.values.filter { inventory in
            inventory.devices.contains { $0.kind == SerialDevice.kind && $0.matches(port) }
        }.map(\.agent).sorted()
        switch holders.count {
        case 1: return holders[0]
        case 0: throw RemoteClientError(.refused, "no agent shared with \(profile.username) lists the port \(port); pioctl remote device list shows them")
        default: throw RemoteClientError(.refused, "the port \(port) is on several agents (\(holders.joined(separator: ", "))); pick one with -a")
        }
    }
}
