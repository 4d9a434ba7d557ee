/// The answer of `POST /v1/reannounce`: what a rescan changed.
public struct ReannounceResult: Sendable, Hashable, Codable {
    /// The kernel name or id the rescan was limited to, or nil for a full rescan.
    public var device: String?
    /// Devices that appeared.
    public var added: Int
    /// Devices that disappeared.
    public var removed: Int
    /// Devices whose description changed.
    public var changed: Int
    /// Devices in the inventory afterwards.
    public var total: Int
    /// The inventory's change counter afterwards.
    public var sequence: UInt64

    enum CodingKeys: String, CodingKey {
        case device, added, removed, changed, total
        case sequence = "seq"
    }

    /// Creates a rescan result.
    public init(device: String?, added: Int, removed: Int, changed: Int, total: Int, sequence: UInt64) {
        self.device = device
        self.added = added
        self.removed = removed
        self.changed = changed
        self.total = total
        self.sequence = sequence
    }
}
