/// How a flasher tool's run ended.
public struct ToolOutcome: Sendable, Hashable {
    /// The exit status, or nil when a signal ended the tool.
    public var exitStatus: Int32?
    /// The signal that ended it, or nil.
    public var signal: Int32?
    /// Whether it was stopped for running past its time.
    public var timedOut: Bool
    /// From start to end.
    public var duration: Duration

    /// An outcome.
    public init(exitStatus: Int32?, signal: Int32?, timedOut: Bool, duration: Duration) {
        self.exitStatus = exitStatus
        self.signal = signal
        self.timedOut = timedOut
        self.duration = duration
    }

    /// Whether the tool exited 0 in time.
    public var succeeded: Bool { exitStatus == 0 && !timedOut }
}
