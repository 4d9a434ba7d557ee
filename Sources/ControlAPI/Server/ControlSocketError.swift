#if canImport(Glibc)
import Glibc
#endif

/// Why the control socket could not be set up, with the OS error where there is one.
public struct ControlSocketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        /// Another process answers on the socket path.
        case inUse
        /// Something that is not a socket sits at the path.
        case notASocket
        /// The path is longer than a Unix socket address holds (107 bytes).
        case pathTooLong
        /// A system call failed.
        case system(String)
    }

    /// What went wrong.
    public let code: Code
    /// The socket path.
    public let path: String
    /// The `errno` value, or 0.
    public let errno: Int32

    /// Creates an error.
    public init(_ code: Code, path: String, errno: Int32 = 0) {
        self.code = code
        self.path = path
        self.errno = errno
    }

    /// What happened and what to do.
    public var description: String {
        let reason = errno == 0 ? "" : ": \(String(cString: strerror(errno)))"
        switch code {
        case .inUse:
            return "another daemon answers on \(path); stop it first, or set [control] socket to another path"
        case .notASocket:
            return "\(path) exists and is not a socket; refusing to replace it (remove it or choose another path)"
        case .pathTooLong:
            return "socket path \(path) is longer than 107 bytes; choose a shorter path"
        case .system(let call):
            return "cannot set up the control socket \(path): \(call) failed\(reason)"
        }
    }
}
