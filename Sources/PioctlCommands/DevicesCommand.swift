import AgentCore
import ArgumentParser
import ControlClient

/// `pioctl devices`: the boards on this host, once or live.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the devices the agent sees: serial ports and boards found by mDNS.",
        discussion: """
            With --watch, keeps running and shows changes as boards come and go: a redrawn table on a \
            terminal, one line per event otherwise (+ added, - removed, ~ changed), or with --json the \
            event stream itself (one JSON object per line, the first a snapshot). --mdns or --serial \
            keeps one kind of device, in lists and in the stream.
            """)

    @ParentCommand var pioctl: Pioctl

    @Flag(name: .long, help: "Print JSON: the device list, or with --watch one event per line.")
    var json = false

    @Flag(name: .long, help: "Keep running and show devices as they come and go (Ctrl+C ends).")
    var watch = false

    @Flag(name: .long, help: "Only boards found by mDNS (flashed over the air).")
    var mdns = false

    @Flag(name: .long, help: "Only serial ports.")
    var serial = false

    private var filter: DeviceKindFilter { DeviceKindFilter(mdns: mdns, serial: serial) }

    func run() throws {
        if watch {
            try CommandFailure.reporting { try follow() }
        } else {
            var list = try CommandFailure.reporting { try pioctl.global.client().get("/v1/devices", as: DeviceList.self) }
            list.devices = list.devices.filter(filter.admits)
            if json {
                try Output.printJSON(list)
            } else {
                Output.print(DeviceTable(list.devices).text)
            }
        }
    }

    private func follow() throws {
        var devices: [String: Device] = [:]
        let redraw = Output.isTerminal && !json
        let filter = filter
        try pioctl.global.client().followEvents { event in
            var event = event
            event.devices = event.devices?.filter(filter.admits)
            if let device = event.device, !filter.admits(device) { return true }
            if json {
                try Output.printJSON(event, pretty: false)
                return true
            }
            switch event.name {
            case .snapshot:
                devices = Dictionary((event.devices ?? []).map { ($0.id, $0) }) { $1 }
                if !redraw { Output.print(DeviceTable(event.devices ?? []).text) }
            case .added, .changed:
                if let device = event.device { devices[device.id] = device }
            case .removed:
                if let device = event.device { devices[device.id] = nil }
            }
            if redraw {
                // Clear the screen and draw the table again.
                Output.print("\u{1B}[H\u{1B}[2J" + "pioctl devices --watch (seq \(event.sequence), \(event.at))\n\n"
                    + DeviceTable(devices.values.sorted { $0.name < $1.name }).text)
            } else if event.name != .snapshot, let device = event.device {
                Output.print(DeviceTable.eventLine(event.name, device))
            }
            return true
        }
    }
}
