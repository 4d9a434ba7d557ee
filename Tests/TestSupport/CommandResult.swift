/// What a program run to completion by ``ChildProcess/run(_:_:environment:timeout:)`` printed and
/// returned.
public struct CommandResult: Sendable, CustomStringConvertible {
    /// The command line that ran, for messages.
    public let commandLine: String
    /// The exit status, or nil when a signal ended the program.
    public let status: Int32?
    /// The signal that ended the program, or nil when it exited.
    public let signal: Int32?
    /// Everything the program wrote to standard output.
    public let standardOutput: String
    /// Everything the program wrote to standard error.
    public let standardError: String

    /// How the program ended and what it printed, for an expectation's message.
    public var description: String {
        let ending = status.map { "exited \($0)" } ?? "was killed by signal \(signal ?? 0)"
        return "`\(commandLine)` \(ending)\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)"
    }
}
