/// The answer of `GET /v1/devices`.
public struct DeviceList: Sendable, Hashable, Codable {
    /// The agent's name.
    public var agent: String
    /// The inventory's change counter this list reflects.
    public var sequence: UInt64
    /// Every device, sorted by kind and kernel name.
    public var devices: [Device]

    enum CodingKeys: String, CodingKey {
        case agent, devices
        case sequence = "seq"
    }

    /// Creates a device list.
    public init(agent: String, sequence: UInt64, devices: [Device]) {
        self.agent = agent
        self.sequence = sequence
        self.devices = devices
    }
}
