import AgentCore
import ArgumentParser
import RemoteClient

/// `pioctl remote device reset`: resets a board with a DTR/RTS pulse sequence run on the agent (so
/// its timing does not depend on the network), in a session of its own.
struct RemoteDeviceResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Reset a board with a DTR/RTS pulse sequence.",
        discussion: """
            classic: Arduino's auto-reset (DTR and RTS low for 250 ms, then high). esp: an ESP32 or \
            ESP8266 dev board's EN circuit (RTS high for 100 ms with DTR low, so it boots its \
            application). The port must not be in a session (close your monitor first).
            """)

    @ParentCommand var remote: RemoteCommand

    @Option(name: [.short, .long], help: ArgumentHelp("The port: a device id, path or /dev/serial/by-id link.", valueName: "port"))
    var port: String

    @Option(name: .long, help: ArgumentHelp("classic or esp.", valueName: "style"))
    var style: String = "esp"

    func validate() throws {
        guard ["classic", "esp"].contains(style) else { throw ValidationError("--style must be classic or esp") }
    }

    func run() async throws {
        let timeout = try remote.options.deadline()
        let style = style
        let (agent, opened) = try await RemotePortAccess.with(port: port, options: remote.options, reconnects: false) {
            sessions, agent in
            let monitor = try await sessions.open(["port": .string(port)], on: agent, deadline: .now + timeout)
            let session = JSONValue.string(monitor.opened.session.rawValue)
            let reset: Result<JSONValue, any Error>
            do {
                reset = .success(try await sessions.requester.call(
                    "device.control", params: ["session": session, "reset": .string(style)], on: agent,
                    as: JSONValue.self, deadline: .now + timeout))
            } catch {
                reset = .failure(error)
            }
            let _: JSONValue = try await sessions.requester.call(
                "session.close", params: ["session": session], on: agent, as: JSONValue.self, deadline: .now + timeout)
            _ = try reset.get()
            return (agent, monitor.opened.port)
        }
        Output.print("\(agent):\(opened) reset (\(style))")
    }
}
