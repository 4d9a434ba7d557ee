/// A live session as `GET /v1/sessions` and `pioctl status` show it.
public struct SessionSummary: Sendable, Hashable, Codable {
    /// The session's identifier.
    public var id: SessionID
    /// What the session does: `monitor`.
    public var kind: String
    /// The broker user who opened it.
    public var user: String
    /// The port's device path.
    public var port: String
    /// When it opened.
    public var since: Timestamp
    /// Bytes from the board to the user so far.
    public var bytesToUser: Int
    /// Bytes from the user to the board so far.
    public var bytesFromUser: Int

    /// A summary.
    public init(id: SessionID, kind: String, user: String, port: String, since: Timestamp, bytesToUser: Int, bytesFromUser: Int) {
        self.id = id
        self.kind = kind
        self.user = user
        self.port = port
        self.since = since
        self.bytesToUser = bytesToUser
        self.bytesFromUser = bytesFromUser
    }

    private enum CodingKeys: String, CodingKey {
        case id, kind, user, port, since
        case bytesToUser = "bytes_to_user"
        case bytesFromUser = "bytes_from_user"
    }
}
