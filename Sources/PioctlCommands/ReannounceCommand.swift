import AgentCore
import ArgumentParser
import ControlClient

/// `pioctl reannounce`: rescan now. udev runs it when a board is plugged in or out.
struct ReannounceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reannounce",
        abstract: "Make the agent rescan its serial ports now (all, or one).",
        discussion: """
            The udev rule 99-pio-agent.rules runs `pioctl reannounce --device %k` when a tty comes or goes. \
            It never waits longer than --timeout, so it cannot hold up udev.
            """)

    @ParentCommand var pioctl: Pioctl

    @Option(name: .long, help: ArgumentHelp("Rescan only this port: kernel name (ttyUSB0), path or device id.", valueName: "name"))
    var device: String?

    @Option(name: .long, help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout: Double = 1

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        if let device, device.isEmpty { throw ValidationError("--device must not be empty") }
    }

    func run() throws {
        let query = device.map { "?device=\(Self.percentEncoded($0))" } ?? ""
        let client = pioctl.global.client(timeout: .milliseconds(Int64(timeout * 1000)))
        let result = try CommandFailure.reporting { try client.post("/v1/reannounce\(query)", as: ReannounceResult.self) }
        if json {
            try Output.printJSON(result)
        } else {
            let scope = result.device ?? "all ports"
            Output.print(
                "rescanned \(scope): \(result.added) added, \(result.removed) removed, \(result.changed) changed "
                    + "(\(result.total) device\(result.total == 1 ? "" : "s"))")
        }
    }

    /// Escapes everything but unreserved URI characters.
    static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}
