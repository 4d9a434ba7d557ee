/// The retained inventory an agent publishes for one user (`P/agents/A/for/U/inventory`) or for
/// everyone (`P/agents/A/public/inventory`).
public struct RemoteInventory: Sendable, Hashable, Codable {
    /// The agent's name.
    public var agent: String
    /// When the agent published it.
    public var updatedAt: Timestamp
    /// The agent's inventory change counter (it restarts with the agent).
    public var sequence: UInt64
    /// The devices, as `GET /v1/devices` lists them.
    public var devices: [Device]

    enum CodingKeys: String, CodingKey {
        case agent, devices
        case updatedAt = "updated_at"
        case sequence = "seq"
    }

    /// Decodes an inventory, skipping devices of kinds this version does not know.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        agent = try container.decode(String.self, forKey: .agent)
        updatedAt = try container.decode(Timestamp.self, forKey: .updatedAt)
        sequence = try container.decode(UInt64.self, forKey: .sequence)
        devices = try container.decode([KnownDevice].self, forKey: .devices).compactMap(\.device)
    }

    /// A device of a known kind, or nil.
    private struct KnownDevice: Decodable {
        let device: Device?
        init(from decoder: any Decoder) throws { device = try? Device(from: decoder) }
    }

    /// Creates an inventory message.
    public init(agent: String, updatedAt: Timestamp, sequence: UInt64, devices: [Device]) {
        self.agent = agent
        self.updatedAt = updatedAt
        self.sequence = sequence
        self.devices = devices
    }
}
