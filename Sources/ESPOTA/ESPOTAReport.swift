/// What a finished upload did.
public struct ESPOTAReport: Sendable, Hashable {
    /// The bytes sent and acknowledged.
    public var bytes: Int
    /// From the invitation to the device's `OK`.
    public var duration: Duration
    /// How the device checked the password: nil without one, else `"md5"` or `"pbkdf2-sha256"`
    /// (with `"pbkdf2-md5"` for a device that stored an MD5 of the password).
    public var authentication: String?

    /// A report.
    public init(bytes: Int, duration: Duration, authentication: String?) {
        self.bytes = bytes
        self.duration = duration
        self.authentication = authentication
    }
}
