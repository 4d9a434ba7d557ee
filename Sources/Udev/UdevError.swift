#if canImport(Glibc)
import Glibc
#endif

/// A failure of libudev, with the OS error behind it.
public struct UdevError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Code: Sendable, Hashable {
        /// `udev_new` failed (out of memory, or /sys not mounted).
        case contextUnavailable
        /// Enumerating ttys failed.
        case enumerationFailed
        /// The netlink monitor could not be created or enabled.
        case monitorUnavailable
        /// The monitor thread could not be started.
        case threadUnavailable
    }

    /// What failed.
    public let code: Code
    /// The `errno` value reported, or 0.
    public let errno: Int32

    /// Creates an error.
    public init(_ code: Code, errno: Int32) {
        self.code = code
        self.errno = errno
    }

    /// What happened and what to do.
    public var description: String {
        let reason = errno == 0 ? "" : ": \(String(cString: strerror(errno)))"
        switch code {
        case .contextUnavailable:
            return "cannot create a libudev context\(reason); is /sys mounted?"
        case .enumerationFailed:
            return "cannot enumerate tty devices\(reason); is /sys readable?"
        case .monitorUnavailable:
            return "cannot listen to udev events\(reason); the agent needs AF_NETLINK (RestrictAddressFamilies)"
        case .threadUnavailable:
            return "cannot start the udev thread\(reason)"
        }
    }
}
