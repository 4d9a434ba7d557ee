import AgentCore
import ArgumentParser
import RemoteClient
import SerialBridge
import UnixSignals

/// `pioctl remote device bridge`: a board's serial port on a farm agent as a local TCP port,
/// RFC 2217 by default, so that existing tools (pyserial's `rfc2217://`, esptool,
/// `pio device monitor`) use the remote board as if it were on this desk.
struct RemoteDeviceBridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridge", abstract: "Serve a board's serial port on a farm agent as a local RFC 2217 port.",
        discussion: """
            Point a tool at rfc2217://127.0.0.1:4000 (or socket://… with --raw). Each client gets a \
            session of its own: the port is opened when it connects and closed when it leaves. One \
            client at a time; a second is told so. The client sets the baud rate, data size, parity, \
            stop size, flow control, DTR, RTS and breaks, and is told when the modem input lines \
            change. For a port without modem lines (a pty) use rfc2217://…?ign_set_control. \
            Ctrl+C (or SIGTERM) stops the bridge and closes the session.
            """)

    @ParentCommand var remote: RemoteCommand

    @Option(name: [.short, .long], help: ArgumentHelp("The port: a device id, path or /dev/serial/by-id link.", valueName: "port"))
    var port: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to listen: HOST:PORT, [IPV6]:PORT or a port on 127.0.0.1 (port 0: any free port).", valueName: "address"))
    var listen: String = "127.0.0.1:4000"

    @Flag(name: .long, help: "Plain TCP instead of RFC 2217: the port's bytes as they are.")
    var raw = false

    @Option(name: [.short, .long], help: "Bits per second until the client sets its own.")
    var baud: Int = 115_200

    @Flag(name: .shortAndLong, help: "No messages on standard error, only errors.")
    var quiet = false

    func validate() throws {
        _ = try address()
        guard baud >= 1 else { throw ValidationError("--baud must be at least 1") }
    }

    private func address() throws -> BridgeAddress {
        do {
            return try BridgeAddress(parsing: listen)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        let timeout = try remote.options.deadline()
        let address = try address()
        let mode: BridgeMode = raw ? .raw : .rfc2217
        let quiet = quiet
        let say: @Sendable (String) -> Void = { line in if !quiet { StandardStream.error.write("--- \(line)\n") } }
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let parameters: [String: JSONValue] = [
            "port": .string(port), "baud": .number(Double(baud)), "modem_events": .bool(mode == .rfc2217),
        ]
        try await RemotePortAccess.with(port: port, options: remote.options, reconnects: true) { sessions, agent in
            if !address.isLoopback {
                StandardStream.error.write("warning: listening on \(address): anyone who reaches it can use \(agent):\(port)\n")
            }
            let bridge = SerialBridge(address: address, mode: mode, signature: "pioctl bridge \(agent):\(port)", report: say)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in signals { return }
                }
                group.addTask {
                    try await bridge.run(
                        openSession: { _ in
                            BridgeSession(
                                monitor: try await sessions.open(parameters, on: agent, deadline: .now + timeout),
                                requester: sessions.requester, router: sessions.router, agent: agent, timeout: timeout)
                        },
                        listening: { bound in
                            say("bridge for \(agent):\(port) on \(mode.scheme)://\(bound); one client at a time, Ctrl+C stops")
                        })
                }
                // A signal, or the bridge failing to listen, ends the command.
                defer { group.cancelAll() }
                try await group.next()
            }
        }
    }
}
