/// How many devices one inventory update added, removed and changed.
public struct InventoryChanges: Sendable, Hashable {
    /// Devices that appeared.
    public var added = 0
    /// Devices that disappeared.
    public var removed = 0
    /// Devices whose description changed.
    public var changed = 0

    /// Creates change counts.
    public init(added: Int = 0, removed: Int = 0, changed: Int = 0) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// Whether nothing changed.
    public var isEmpty: Bool { added == 0 && removed == 0 && changed == 0 }

    /// The sum of two sets of counts.
    public static func + (lhs: InventoryChanges, rhs: InventoryChanges) -> InventoryChanges {
        InventoryChanges(added: lhs.added + rhs.added, removed: lhs.removed + rhs.removed, changed: lhs.changed + rhs.changed)
    }
}
