#if canImport(Glibc)
import Glibc
#endif

/// A thread or its wake-up pipe could not be created.
public struct ThreadStartError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `errno` value reported.
    public let errno: Int32

    /// Creates an error.
    public init(errno: Int32) { self.errno = errno }

    /// What happened.
    public var description: String {
        "cannot start a worker thread: \(String(cString: strerror(errno))); raise the process or memory limits"
    }
}
