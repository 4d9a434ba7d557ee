#if canImport(Glibc)
import Glibc
#endif

/// A failure to start mDNS browsing, with the OS error behind it.
public struct MDNSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Code: Sendable, Hashable {
        /// The UDP socket could not be opened or bound.
        case socket
        /// The thread or its wake-up pipe could not be created.
        case thread
    }

    /// What failed.
    public let code: Code
    /// The `errno` value.
    public let errno: Int32

    /// Creates an error.
    public init(_ code: Code, errno: Int32) {
        self.code = code
        self.errno = errno
    }

    /// What happened and what to do.
    public var description: String {
        let reason = String(cString: strerror(errno))
        switch code {
        case .socket:
            return "cannot open the mDNS socket on UDP port 5353: \(reason); another program may hold the port without SO_REUSEPORT"
        case .thread:
            return "cannot start the mDNS thread: \(reason)"
        }
    }
}
