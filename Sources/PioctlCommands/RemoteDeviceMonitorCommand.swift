import AgentCore
import ArgumentParser
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

    @OptionGroup var options: MonitorOptions

    func run() async throws {
        let timeout = try remote.options.deadline()
        // A monitor lives long: the link comes back after a broker restart, and the session's
        // stream resends what was not acknowledged meanwhile.
        let outcome = try await RemotePortAccess.with(port: options.port, options: remote.options, reconnects: true) {
            sessions, agent in
            let input = try StandardInputStream.chunks()
            let monitor = try await sessions.open(options.parameters, on: agent, deadline: .now + timeout)
            let line = RemoteMonitorLine(monitor: monitor, requester: sessions.requester, agent: agent, timeout: timeout)
            return try await MonitorTerminal.run(
                options, place: "\(agent):\(monitor.opened.port)", logName: (agent, monitor.opened.port)
            ) { keys, display in
                try await pipe(line, input: input, keys: keys, display: display)
            }
        }
        if let outcome { throw outcome }
    }

    /// Carries standard input to the board and the board to standard output until the session
    /// ends; returns the exit to give, nil for success.
    private func pipe(
        _ line: RemoteMonitorLine, input: AsyncStream<[UInt8]>, keys: MonitorKeys?, display: MonitorDisplay
    ) async throws -> ExitCode? {
        let control = MonitorControl(line: line)
        let echo = options.echo
        // Only the output side ends the session's life here: it sees the agent's `closed` event.
        enum Outcome: Sendable {
            case running
            case ended(ExitCode?)
        }
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask {
                await line.monitor.link.run()
                return .running
            }
            group.addTask {
                await control.type(input, keys: keys, echo: echo)
                // End of input or Ctrl+]: the agent closes the session; its `closed` event ends the output.
                try await line.close()
                return .running
            }
            group.addTask { .ended(await Self.printDeliveries(of: line.monitor, display: display)) }
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
    private static func printDeliveries(of monitor: RemoteMonitor, display: MonitorDisplay) async -> ExitCode? {
        var display = display
        for await delivery in monitor.link.deliveries {
            switch delivery {
            case .bytes(let bytes):
                display.show(bytes)
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
}
