import AgentCore
import ArgumentParser

/// The options of both monitors (`pioctl remote device monitor`, `pioctl device monitor`): the
/// port and its line, and how the terminal shows and sends bytes.
struct MonitorOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("The port: a device id, path or /dev/serial/by-id link.", valueName: "port"))
    var port: String

    @Option(name: [.short, .long], help: "Bits per second.")
    var baud: Int = 115_200

    @Option(name: .long, help: ArgumentHelp("Data bits: 5 to 8.", valueName: "bits"))
    var bytesize: Int = 8

    @Option(name: .long, help: ArgumentHelp("Parity: N, E, O, S or M.", valueName: "parity"))
    var parity: String = "N"

    @Option(name: .long, help: ArgumentHelp("Stop bits: 1, 1.5 or 2.", valueName: "bits"))
    var stopbits: Double = 1

    @Flag(name: .long, help: "Hardware flow control (RTS/CTS).")
    var rtscts = false

    @Flag(name: .long, help: "Software flow control (XON/XOFF).")
    var xonxoff = false

    @Option(name: .long, help: ArgumentHelp("Set DTR after opening: 0 or 1.", valueName: "0|1"))
    var dtr: Int?

    @Option(name: .long, help: ArgumentHelp("Set RTS after opening: 0 or 1.", valueName: "0|1"))
    var rts: Int?

    @Option(name: .long, help: ArgumentHelp("What Enter sends on a terminal: CR, LF or CRLF.", valueName: "eol"))
    var eol: String = "CRLF"

    @Flag(name: .long, help: "Show what you type (on a terminal).")
    var echo = false

    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp("time, hexlify, nocontrol or log2file; repeat for several.", valueName: "filter"))
    var filters: [MonitorFilter] = []

    @Flag(name: .shortAndLong, help: "No messages on standard error, only errors.")
    var quiet = false

    /// The bytes Enter sends.
    var endOfLine: [UInt8] {
        switch eol.uppercased() {
        case "CR": [0x0D]
        case "LF": [0x0A]
        default: [0x0D, 0x0A]
        }
    }

    func validate() throws {
        guard ["N", "E", "O", "S", "M"].contains(parity.uppercased()) else {
            throw ValidationError("--parity must be N, E, O, S or M")
        }
        guard ["CR", "LF", "CRLF"].contains(eol.uppercased()) else { throw ValidationError("--eol must be CR, LF or CRLF") }
        for (name, value) in [("--dtr", dtr), ("--rts", rts)] where value.map({ $0 != 0 && $0 != 1 }) == true {
            throw ValidationError("\(name) must be 0 or 1")
        }
    }

    /// The parameters of `device.monitor.open` (and of `POST /v1/sessions/monitor`).
    var parameters: [String: JSONValue] {
        var params: [String: JSONValue] = [
            "port": .string(port), "baud": .number(Double(baud)), "bytesize": .number(Double(bytesize)),
            "parity": .string(parity.uppercased()), "stopbits": .number(stopbits), "rtscts": .bool(rtscts),
            "xonxoff": .bool(xonxoff),
        ]
        if let dtr { params["dtr"] = .bool(dtr == 1) }
        if let rts { params["rts"] = .bool(rts == 1) }
        return params
    }
}
