import AgentCore
import CLinuxShims
import RemoteClient
#if canImport(Glibc)
import Glibc
#endif

/// The user's side of a monitor: on a terminal, raw mode (restored on every way out) and the
/// command keys; the opening lines on standard error; the display of the board's bytes.
enum MonitorTerminal {
    /// Runs `body` with standard input raw when it is a terminal, after saying where the monitor
    /// runs (`place`, such as `farm1:/dev/ttyUSB0`). `body` gets the keys (nil without a terminal:
    /// pipe mode) and the display; `logName` names the `--filter log2file` file.
    static func run<Result: Sendable>(
        _ options: MonitorOptions, place: String, logName: (agent: String, port: String),
        _ body: (_ keys: MonitorKeys?, _ display: MonitorDisplay) async throws -> Result
    ) async throws -> Result {
        let terminal = isatty(STDIN_FILENO) == 1
        if terminal {
            guard pio_terminal_enter_raw(STDIN_FILENO) == 0 else {
                throw RemoteClientError(.badProfile, "cannot put the terminal in raw mode: \(String(cString: strerror(errno)))")
            }
        }
        defer { if terminal { pio_terminal_restore() } }
        let lineEnd = terminal ? "\r\n" : "\n"
        if !options.quiet {
            let hint = terminal ? "Ctrl+] quits, Ctrl+T h shows the keys" : "end of input closes it"
            StandardStream.error.write("--- monitor on \(place); \(hint)\(lineEnd)")
        }
        let log = try options.filters.contains(.log2file) ? MonitorLog.create(agent: logName.agent, port: logName.port) : nil
        if let log, !options.quiet { StandardStream.error.write("--- logging to \(log.path)\(lineEnd)") }
        let display = MonitorDisplay(filters: options.filters, log: log)
        defer { display.close() }
        return try await body(terminal ? MonitorKeys(endOfLine: options.endOfLine) : nil, display)
    }
}
