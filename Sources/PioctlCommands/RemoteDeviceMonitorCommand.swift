import AgentCore
import CLinuxShims
import ArgumentParser
import MQTT
import RemoteClient
import SessionStream
#if canImport(Glibc)
import Glibc
#endif

/// `pioctl remote device monitor`: a board's serial port on a farm agent, through the broker.
///
/// On a terminal it is interactive: the terminal is raw (restored on every way out), Ctrl+]
/// quits and Ctrl+T opens the command keys. Without a terminal it pipes: standard input goes to
/// the board and the board's bytes to standard output, so scripts can use it; at end of input the
/// session closes.
struct RemoteDeviceMonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor", abstract: "Open a board's serial port on a farm agent.",
        discussion: """
            On a terminal: Ctrl+] quits; Ctrl+T then d toggles DTR, r toggles RTS, b sends a break, \
            h shows the keys. Without a terminal, bytes from standard input go to the board and the \
            board's bytes to standard output, and end of input closes the session. Bytes arrive in \
            order and without loss (an overrun, when this side reads too slowly, is reported on \
            standard error with the bytes it cost). Opening never changes DTR or RTS unless --dtr or \
            --rts is given.
            """)

    @ParentCommand var remote: RemoteCommand

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

    /// The parameters of `device.monitor.open`.
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

    func run() async throws {
        let options = remote.options
        let timeout = try options.deadline()
        let profile = try await RemoteFailure.reporting { try ClientProfileStore().load() }
        let agent = try await RemoteFailure.reporting { try await RemotePortLocator.agent(holding: port, options: options, profile: profile, timeout: timeout) }
        let user = profile.username
        let input = try StandardInputStream.chunks()
        let outcome = try await RemoteFailure.reporting {
            try await RemoteSession.with(
                profile: profile,
                subscriptions: [
                    RemoteRequester.replyFilter(user: user, topics: profile.topics),
                    RemoteSessionRouter.sessionFilter(user: user, topics: profile.topics),
                ],
                // A monitor lives long: the link comes back after a broker restart, and the
                // session's stream resends what was not acknowledged meanwhile.
                deadline: .now + timeout, reconnects: true, logger: Pioctl.quietLogger
            ) { client in
                let requester = RemoteRequester(client: client, user: user, topics: profile.topics)
                let router = RemoteSessionRouter(requester: requester, user: user, topics: profile.topics)
                return try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await router.route(client.messages) }
                    defer { group.cancelAll() }
                    let monitor = try await RemoteMonitor.open(
                        parameters, on: agent, user: user, client: client, requester: requester, router: router,
                        topics: profile.topics, deadline: .now + timeout)
                    let terminal = isatty(STDIN_FILENO) == 1
                    if terminal {
                        guard pio_terminal_enter_raw(STDIN_FILENO) == 0 else {
                            throw RemoteClientError(.badProfile, "cannot put the terminal in raw mode: \(String(cString: strerror(errno)))")
                        }
                    }
                    defer { if terminal { pio_terminal_restore() } }
                    if !quiet {
                        let hint = terminal ? "Ctrl+] quits, Ctrl+T h shows the keys" : "end of input closes it"
                        StandardStream.error.write("--- monitor on \(agent):\(monitor.opened.port); \(hint)\(terminal ? "\r" : "")\n")
                    }
                    let keys = terminal ? MonitorKeys(endOfLine: endOfLine) : nil
                    return try await pipe(
                        monitor, input: input, keys: keys, requester: requester, agent: agent, timeout: timeout)
                }
            }
        }
        if let outcome { throw outcome }
    }

    /// Carries standard input to the board and the board to standard output until the session
    /// ends; returns the exit to give, nil for success.
    private func pipe(
        _ monitor: RemoteMonitor, input: AsyncStream<[UInt8]>, keys: MonitorKeys?, requester: RemoteRequester,
        agent: String, timeout: Duration
    ) async throws -> ExitCode? {
        let control = MonitorControl(
            session: monitor.opened.session, requester: requester, agent: agent, timeout: timeout)
        // Only the output side ends the session's life here: it sees the agent's `closed` event.
        enum Outcome: Sendable {
            case running
            case ended(ExitCode?)
        }
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask {
                await monitor.link.run()
                return .running
            }
            group.addTask {
                var keys = keys
                typing: for await chunk in input {
                    guard keys != nil else {
                        await monitor.link.send(chunk)
                        continue
                    }
                    for action in keys!.actions(for: chunk) {
                        if case .quit = action { break typing }
                        if case .send(let bytes) = action, echo { Self.writeOut(bytes) }
                        await control.perform(action, on: monitor.link)
                    }
                }
                // End of input or Ctrl+]: the agent closes the session; its `closed` event ends the output.
                try await control.close()
                return .running
            }
            let log = try filters.contains(.log2file) ? MonitorLog.create(agent: agent, port: monitor.opened.port) : nil
            if let log, !quiet { StandardStream.error.write("--- logging to \(log.path)\(keys == nil ? "" : "\r")\n") }
            let output = MonitorOutput(filters: filters)
            group.addTask { .ended(await Self.printDeliveries(of: monitor, output: output, log: log)) }
            while let outcome = try await group.next() {
                if case .ended(let exit) = outcome {
                    group.cancelAll()
                    return exit
                }
            }
            return nil
        }
    }

    /// Writes the board's bytes to standard output and reports events on standard error until the
    /// session's `closed` event; returns the exit to give, nil for success.
    private static func printDeliveries(of monitor: RemoteMonitor, output: MonitorOutput, log: MonitorLog?) async -> ExitCode? {
        var output = output
        defer { log?.close() }
        for await delivery in monitor.link.deliveries {
            switch delivery {
            case .bytes(let bytes):
                log?.write(bytes)
                writeOut(output.render(bytes, at: MonitorOutput.localTimeOfDay()))
            case .event(let json):
                let event = (try? AgentJSON.decode([String: JSONValue].self, from: json)) ?? [:]
                switch event["event"] {
                case .string("closed")?:
                    let reason: String = if case .string(let text)? = event["reason"] { text } else { "closed" }
                    guard reason == "closed by the user" else {
                        CommandFailure.printError("the session ended: \(reason)")
                        return ExitCode.failure
                    }
                    return nil
                case .string("overrun")?:
                    let bytes: Int = if case .number(let count)? = event["bytes"] { Int(count) } else { 0 }
                    CommandFailure.printError("overrun: \(bytes) bytes from the board were dropped here (reading too slowly)")
                default:
                    continue
                }
            }
        }
        CommandFailure.printError("the session ended without a word from the agent")
        return ExitCode.failure
    }

    /// Writes all of `bytes` to standard output.
    static func writeOut(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            offset += count
        }
    }
}
