import AgentCore
import ControlClient
import Synchronization

/// A local monitor's line: bytes on the connection the daemon switched to a raw stream, changes
/// through `POST /v1/sessions/{id}/control`.
final class LocalMonitorLine: MonitorLine {
    let connection: ControlStreamConnection
    let client: ControlClient
    /// The session's id, from the `pio-session` header of the `101` answer.
    let session: String
    private let finished = Atomic(false)

    init(connection: ControlStreamConnection, client: ControlClient, session: String) {
        self.connection = connection
        self.client = client
        self.session = session
    }

    func send(_ bytes: [UInt8]) async {
        // A failed write means the daemon's side has ended; reading the connection tells why.
        try? connection.write(bytes)
    }

    func change(_ params: [String: JSONValue]) async throws {
        let body = try AgentJSON.encode(JSONValue.object(params))
        _ = try client.post("/v1/sessions/\(session)/control", body: body, as: JSONValue.self)
    }

    /// The user is done: the daemon reads the end of the stream and closes the session.
    func finish() {
        finished.store(true, ordering: .sequentiallyConsistent)
        connection.finishWriting()
    }

    /// Whether ``finish()`` ended the session, rather than the daemon.
    var finishedByUser: Bool { finished.load(ordering: .sequentiallyConsistent) }
}
