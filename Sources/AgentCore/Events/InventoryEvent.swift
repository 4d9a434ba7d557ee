/// One line of the control API's event stream (`GET /v1/events`).
///
/// A stream starts with a `snapshot` of every device, then carries `device.added`,
/// `device.removed` and `device.changed` events in order. `seq` grows by one per inventory
/// change, so a client can tell that the snapshot at `seq` N is followed by event N + 1.
public struct InventoryEvent: Sendable, Hashable {
    /// What happened.
    public enum Name: String, Sendable, Hashable, Codable {
        /// The whole inventory at the start of a stream.
        case snapshot
        /// A device appeared.
        case added = "device.added"
        /// A device disappeared (or a static port is no longer listed).
        case removed = "device.removed"
        /// A device's description changed, such as a static port becoming absent.
        case changed = "device.changed"
    }

    /// What happened.
    public var name: Name
    /// The inventory's change counter after this event (for a snapshot: at the snapshot).
    public var sequence: UInt64
    /// When it happened.
    public var at: Timestamp
    /// The device, for `device.*` events.
    public var device: Device?
    /// Every device, for `snapshot`.
    public var devices: [Device]?

    /// Creates a device event.
    public init(name: Name, sequence: UInt64, at: Timestamp, device: Device) {
        self.name = name
        self.sequence = sequence
        self.at = at
        self.device = device
    }

    /// Creates a snapshot event.
    public init(snapshotAt sequence: UInt64, at: Timestamp, devices: [Device]) {
        self.name = .snapshot
        self.sequence = sequence
        self.at = at
        self.devices = devices
    }
}

extension InventoryEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case name = "event"
        case sequence = "seq"
        case at, device, devices
    }
}
