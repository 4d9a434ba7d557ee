import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The process at the other end of a control connection (`SO_PEERCRED`), for audit logs.
struct PeerCredentials: Sendable, CustomStringConvertible {
    // Field order and types mirror `struct ucred`, which the kernel fills in.
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0

    var description: String { "pid \(pid) uid \(uid)" }

    /// The peer of `channel`, or nil when the channel is not a Unix socket.
    static func of(_ channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let future: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: SO_PEERCRED))
        return try? await future.get()
    }
}
