import AgentCore
import ArgumentParser

/// `pioctl remote`: the agents and boards of a board farm, through the broker.
struct RemoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote",
        abstract: "Use the agents of a board farm from anywhere, through the MQTT broker.",
        discussion: """
            Uses the broker and user of `pioctl login`, or $PIOCTL_BROKER, $PIOCTL_USERNAME, \
            $PIO_AUTH_TOKEN and $PIOCTL_CA_FILE. Listings read what the broker keeps (retained \
            presence and inventories), so a dead or frozen agent never delays them.
            """,
        subcommands: [RemoteAgentCommand.self, RemoteDeviceCommand.self])

    @OptionGroup var options: RemoteOptions
}

/// `pioctl remote agent`.
struct RemoteAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Agents on the broker.", subcommands: [RemoteAgentListCommand.self])
}

/// `pioctl remote device`.
struct RemoteDeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "Boards of the agents shared with you.", subcommands: [
            RemoteDeviceListCommand.self, RemoteDeviceMonitorCommand.self, RemoteDeviceBridgeCommand.self,
            RemoteDeviceLockCommand.self, RemoteDeviceUnlockCommand.self, RemoteDeviceResetCommand.self,
        ])
}
