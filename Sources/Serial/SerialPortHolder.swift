/// A process that has a serial port open, as found in `/proc`.
public struct SerialPortHolder: Sendable, Hashable, CustomStringConvertible {
    /// The process ID.
    public let pid: Int32
    /// The command name (`/proc/PID/comm`, at most 15 characters), or empty when unreadable.
    public let command: String

    /// Creates a holder.
    public init(pid: Int32, command: String) {
        self.pid = pid
        self.command = command
    }

    /// `minicom (pid 812)`, or `pid 812` without a command name.
    public var description: String {
        command.isEmpty ? "pid \(pid)" : "\(command) (pid \(pid))"
    }
}
