public import Serial
public import SessionStream

/// How the agent runs sessions.
public struct SessionConfiguration: Sendable {
    /// How long a session outlives a user who went silent (`session_grace_s`).
    public var grace: Duration
    /// The window and buffer of each session's stream to the user.
    public var limits: SessionStreamSender.Limits
    /// How often a session that asked for modem events reads the modem lines.
    public var modemPollInterval: Duration
    /// The modem-line ioctls for the port at a device path: the kernel's, or a loopback for a
    /// static port declared with `modem_lines = "loopback"`. Called once per opened port.
    public var lineControl: @Sendable (String) -> any SerialLineControl

    /// A configuration; the defaults are the issue's: 60 s of grace, a 1 MiB window and a 4 MiB
    /// buffer, modem lines read every 50 ms when asked, and every port's own modem lines.
    public init(
        grace: Duration = .seconds(60), limits: SessionStreamSender.Limits = .init(),
        modemPollInterval: Duration = .milliseconds(50),
        lineControl: @escaping @Sendable (String) -> any SerialLineControl = { _ in IoctlLineControl() }
    ) {
        self.grace = grace
        self.limits = limits
        self.modemPollInterval = modemPollInterval
        self.lineControl = lineControl
    }
}
