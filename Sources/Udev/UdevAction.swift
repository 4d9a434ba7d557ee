/// The action of a udev event.
public enum UdevAction: Sendable, Hashable {
    /// A device appeared.
    case add
    /// A device disappeared.
    case remove
    /// A device's properties changed (also what `udevadm trigger` sends by default).
    case change
    /// A device was renamed; the old path is in the event's `DEVPATH_OLD`.
    case move
    /// A driver was bound to the device.
    case bind
    /// A driver was unbound from the device.
    case unbind
    /// Any other action, kept verbatim.
    case other(String)

    /// Parses libudev's action string.
    public init(_ text: String) {
        switch text {
        case "add": self = .add
        case "remove": self = .remove
        case "change": self = .change
        case "move": self = .move
        case "bind": self = .bind
        case "unbind": self = .unbind
        default: self = .other(text)
        }
    }
}
