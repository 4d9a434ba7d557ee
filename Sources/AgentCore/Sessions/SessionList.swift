/// `GET /v1/sessions`: the live sessions, oldest first, and the leases on devices.
public struct SessionList: Sendable, Hashable, Codable {
    /// The sessions.
    public var sessions: [SessionSummary]
    /// The leases in force.
    public var leases: [DeviceLease]

    /// A list.
    public init(sessions: [SessionSummary], leases: [DeviceLease] = []) {
        self.sessions = sessions
        self.leases = leases
    }

    private enum CodingKeys: String, CodingKey {
        case sessions, leases
    }

    /// Reads a list; one without `leases` (from an agent before leases) has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sessions = try container.decode([SessionSummary].self, forKey: .sessions)
        leases = try container.decodeIfPresent([DeviceLease].self, forKey: .leases) ?? []
    }
}
