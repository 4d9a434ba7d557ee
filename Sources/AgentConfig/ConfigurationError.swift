/// A configuration problem, located by file, line and key.
///
/// Its description is one line an operator can act on:
/// `/etc/pio-agent/agent.toml:12: devices.static[1].port: must be an absolute path`.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, or nil when the problem is not in a file (such as a bad `--name`).
    public var file: String?
    /// The 1-based line, or nil when the problem has no line (a missing file).
    public var line: Int?
    /// The dotted key, such as `devices.include`, or nil for file-level problems.
    public var key: String?
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(file: String?, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: key: message`, leaving out the parts that are unknown.
    public var description: String {
        var location = file ?? "configuration"
        if let line { location += ":\(line)" }
        if let key { return "\(location): \(key): \(message)" }
        return "\(location): \(message)"
    }
}
