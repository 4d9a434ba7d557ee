/// Where the agent learned about a device.
public enum DeviceSource: String, Sendable, Hashable, Codable {
    /// Enumerated or announced by udev (libudev enumeration and monitor).
    case udev
    /// Declared in the configuration (`[[devices.static]]`), for ports udev does not see.
    case `static`
    /// Announced on the local network by mDNS / DNS-SD (boards flashed over the air).
    case mdns
}
