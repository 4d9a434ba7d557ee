/// A user's lease on a device (`device.lock`): while it lasts, other users' monitor, flash and test
/// requests for the device are refused with `locked`.
public struct DeviceLease: Sendable, Hashable, Codable {
    /// The device's path.
    public var port: String
    /// Who holds it.
    public var user: String
    /// When it was taken.
    public var since: Timestamp
    /// When it ends unless renewed.
    public var expires: Timestamp

    /// A lease.
    public init(port: String, user: String, since: Timestamp, expires: Timestamp) {
        self.port = port
        self.user = user
        self.since = since
        self.expires = expires
    }
}
