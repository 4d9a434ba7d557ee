/// Why the inventory re-read the ttys from udev.
public enum RescanReason: String, Sendable, Hashable {
    /// The daemon started.
    case startup
    /// Someone asked (`POST /v1/reannounce`, `pioctl reannounce`, the udev rule).
    case request
    /// The monitor socket overflowed and events were lost.
    case overrun
    /// The configuration was reloaded.
    case reload
}
