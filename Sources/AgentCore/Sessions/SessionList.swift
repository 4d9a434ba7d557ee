/// `GET /v1/sessions`: the agent's live sessions, oldest first.
public struct SessionList: Sendable, Hashable, Codable {
    /// The sessions.
    public var sessions: [SessionSummary]

    /// A list.
    public init(sessions: [SessionSummary]) {
        self.sessions = sessions
    }
}
