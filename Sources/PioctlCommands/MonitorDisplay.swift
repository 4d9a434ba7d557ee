#if canImport(Glibc)
import Glibc
#endif

/// Shows the board's bytes on standard output through the `--filter`s, and keeps them raw in the
/// log file of `--filter log2file`.
struct MonitorDisplay: Sendable {
    private var output: MonitorOutput
    private let log: MonitorLog?

    /// A display with `filters`; `log` receives the raw bytes.
    init(filters: [MonitorFilter], log: MonitorLog?) {
        output = MonitorOutput(filters: filters)
        self.log = log
    }

    /// Shows `bytes` from the board.
    mutating func show(_ bytes: [UInt8]) {
        log?.write(bytes)
        Self.writeOut(output.render(bytes, at: MonitorOutput.localTimeOfDay()))
    }

    /// Closes the log file.
    func close() {
        log?.close()
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
