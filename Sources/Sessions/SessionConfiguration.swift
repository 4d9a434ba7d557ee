public import SessionStream

/// How the agent runs sessions.
public struct SessionConfiguration: Sendable {
    /// How long a session outlives a user who went silent (`session_grace_s`).
    public var grace: Duration
    /// The window and buffer of each session's stream to the user.
    public var limits: SessionStreamSender.Limits

    /// A configuration; the defaults are the issue's: 60 s of grace, a 1 MiB window and a 4 MiB buffer.
    public init(grace: Duration = .seconds(60), limits: SessionStreamSender.Limits = .init()) {
        self.grace = grace
        self.limits = limits
    }
}
