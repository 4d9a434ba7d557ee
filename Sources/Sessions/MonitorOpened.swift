public import AgentCore
public import Serial

/// The result of `device.monitor.open`: the session, the port's device path, the line settings
/// the port holds (as the driver read them back), and its modem lines where it has them.
public struct MonitorOpened: Sendable, Hashable, Codable {
    /// The session, whose stream topics end in it.
    public var session: SessionID
    /// The port's device path.
    public var port: String
    /// The settings in force.
    public var settings: SerialSettings
    /// The modem lines, or nil for a port without them (a pty).
    public var modem: SerialModemLines?

    /// A result.
    public init(session: SessionID, port: String, settings: SerialSettings, modem: SerialModemLines? = nil) {
        self.session = session
        self.port = port
        self.settings = settings
        self.modem = modem
    }
}
