import AgentCore
import ControlAPI
import NIOCore
import Sessions

/// A local monitor as the control server carries it once its connection has switched protocols.
struct LocalMonitorStream: ControlStream {
    let session: LocalMonitorSession
    let manager: SessionManager

    /// The session's id, its port and the settings in force.
    var upgradeHeaders: [(name: String, value: String)] {
        var headers = [(name: "pio-session", value: session.id.rawValue), (name: "pio-port", value: session.portPath)]
        if let settings = try? AgentJSON.encode(session.settings) {
            headers.append((name: "pio-settings", value: String(decoding: settings, as: UTF8.self)))
        }
        return headers
    }

    func run(
        toClient: @escaping @Sendable (ByteBuffer) async throws -> Void, ended: @escaping @Sendable () -> Void,
        fromClient: (_ deliver: (ByteBuffer) async -> Void) async -> Void
    ) async -> String {
        await manager.runLocal(session, toUser: toClient, ended: ended, fromUser: fromClient)
    }
}
