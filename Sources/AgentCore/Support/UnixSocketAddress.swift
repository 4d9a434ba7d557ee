#if canImport(Glibc)
public import Glibc
#endif

/// `sockaddr_un` for a path, for the few places that call `bind` or `connect` directly.
public enum UnixSocketAddress {
    /// The longest path a Unix socket address holds (the terminating NUL needs the last byte).
    public static let maxPathBytes = 107

    /// Calls `body` with the address of `path` and its length; nil when the path is too long.
    public static func with<Result>(
        path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> Result
    ) rethrows -> Result? {
        guard path.utf8.count <= maxPathBytes else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        return try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// The path a Unix socket is bound to (`getsockname`), or nil for an unnamed or abstract one.
    public static func boundPath(of descriptor: Int32) -> String? {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0, address.sun_family == sa_family_t(AF_UNIX) else { return nil }
        let path = withUnsafeBytes(of: address.sun_path) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        return path.isEmpty ? nil : path
    }

    /// Connects a new socket of `type` to `path`; returns 0 or the `errno` of the failure.
    public static func probeConnect(path: String, type: Int32) -> Int32 {
        let descriptor = socket(AF_UNIX, type | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        let result = with(path: path) { connect(descriptor, $0, $1) } ?? -1
        return result == 0 ? 0 : (errno == 0 ? ENAMETOOLONG : errno)
    }
}
