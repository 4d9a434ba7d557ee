/// Which netlink group the agent's udev monitor follows.
public enum UdevSource: String, Sendable, Hashable, Codable {
    /// Events re-broadcast by a running systemd-udevd, with udev properties and `/dev/serial` links.
    case udev
    /// Raw kernel uevents, used when udevd is not running (containers, early boot).
    case kernel
    /// No monitor: it could not be created, so only rescans update the inventory.
    case none
}
