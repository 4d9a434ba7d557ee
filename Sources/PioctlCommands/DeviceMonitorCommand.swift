import AgentCore
import ArgumentParser
import ControlClient
import ThreadSupport

/// `pioctl device monitor`: a board's serial port on this host, through the daemon's control
/// socket (the connection switches to the port's raw bytes), with the keys, filters and pipe mode
/// of `pioctl remote device monitor`.
struct DeviceMonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor", abstract: "Open the serial port of a board on this host.",
        discussion: """
            On a terminal: Ctrl+] quits; Ctrl+T then d toggles DTR, r toggles RTS, b sends a break, \
            h shows the keys. Without a terminal, bytes from standard input go to the board and the \
            board's bytes to standard output, and end of input closes the session. Bytes arrive in \
            order and without loss: a slow reader slows the reading of the port. Opening never \
            changes DTR or RTS unless --dtr or --rts is given. The port is the agent's: one session \
            at a time, local or remote.
            """)

    @ParentCommand var pioctl: Pioctl

    @OptionGroup var options: MonitorOptions

    /// The `Upgrade` protocol of `POST /v1/sessions/monitor`.
    static let streamProtocol = "pio-serial"

    func run() async throws {
        let client = pioctl.global.client()
        let body = try AgentJSON.encode(JSONValue.object(options.parameters))
        let connection = try CommandFailure.reporting {
            try client.openStream("/v1/sessions/monitor", protocol: Self.streamProtocol, body: body)
        }
        guard let session = connection.headers["pio-session"] else {
            CommandFailure.printError("pio-agentd opened the port without naming the session; are pioctl and pio-agentd the same version?")
            throw ExitCode.failure
        }
        let port = connection.headers["pio-port"] ?? options.port
        let line = LocalMonitorLine(connection: connection, client: client, session: session)
        let input = try StandardInputStream.chunks()
        let echo = options.echo
        let exit = try await MonitorTerminal.run(options, place: port, logName: ("local", port)) { keys, display in
            let control = MonitorControl(line: line)
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await Self.show(connection, on: display)
                    return true
                }
                group.addTask {
                    await control.type(input, keys: keys, echo: echo)
                    // End of input or Ctrl+]; the daemon then closes the session and the connection.
                    if !Task.isCancelled { line.finish() }
                    return false
                }
                // The output ends the monitor: at the end of the stream, everything has been shown.
                while let outputEnded = await group.next() {
                    if outputEnded { break }
                }
                group.cancelAll()
            }
            return line.finishedByUser ? nil : Self.endReport(session: session, client: client)
        }
        if let exit { throw exit }
    }

    /// Shows the board's bytes until the daemon ends the stream. A thread of its own reads and
    /// writes, blocking: a slow standard output slows the daemon's reading of the port.
    private static func show(_ connection: ControlStreamConnection, on display: MonitorDisplay) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            do {
                try PosixThread.detach {
                    var display = display
                    var buffer = [UInt8](repeating: 0, count: 256 << 10)
                    while let count = try? connection.read(into: &buffer), count > 0 {
                        display.show(Array(buffer[..<count]))
                    }
                    continuation.resume()
                }
            } catch {
                CommandFailure.printError("cannot start the output thread: \(error)")
                continuation.resume()
            }
        }
    }

    /// The daemon ended the session: says why (the daemon keeps the reason for a while) and
    /// returns the failure exit.
    private static func endReport(session: String, client: ControlClient) -> ExitCode {
        let reason: String
        if let response = try? client.request("GET", "/v1/sessions/\(session)"), response.status == 410,
            let body = try? AgentJSON.decode(APIErrorBody.self, from: response.body)
        {
            reason = body.error.message
        } else {
            reason = "pio-agentd closed the connection"
        }
        CommandFailure.printError("the session ended: \(reason)")
        return ExitCode.failure
    }
}
