import ArgumentParser

/// `pioctl device`: a board on this host, through pio-agentd.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "Use a board on this host through pio-agentd.",
        subcommands: [DeviceMonitorCommand.self])
}
