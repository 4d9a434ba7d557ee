#if canImport(Glibc)
import Glibc
#endif

/// Who is at the other end of a control connection, as the kernel vouches for it (`SO_PEERCRED`).
public struct ControlPeer: Sendable, Hashable, CustomStringConvertible {
    /// The process id.
    public var pid: Int32
    /// The user id.
    public var uid: UInt32
    /// The user's name, or nil when the user database does not know the id.
    public var userName: String?

    /// A peer.
    public init(pid: Int32, uid: UInt32, userName: String?) {
        self.pid = pid
        self.uid = uid
        self.userName = userName
    }

    /// The peer with `uid`, named from the user database.
    init(pid: Int32, uid: UInt32) {
        self.init(pid: pid, uid: uid, userName: Self.name(of: uid))
    }

    /// The user a session of this peer belongs to: `local:NAME`, or `local:uidN` for an unnamed id.
    public var sessionUser: String { "local:\(userName ?? "uid\(uid)")" }

    /// `pid P uid U (NAME)`, for logs.
    public var description: String { "pid \(pid) uid \(uid)" + (userName.map { " (\($0))" } ?? "") }

    private static func name(of uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return nil
        }
        return String(cString: name)
    }
}
