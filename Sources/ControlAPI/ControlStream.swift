public import NIOCore

/// What a connection carries once it has switched from HTTP to a raw byte stream
/// (`POST /v1/sessions/monitor`): the backend's end of it.
public protocol ControlStream: Sendable {
    /// Headers for the `101 Switching Protocols` answer, such as the session's id.
    var upgradeHeaders: [(name: String, value: String)] { get }

    /// Carries the bytes until the stream ends; returns why it ended.
    ///
    /// - Parameters:
    ///   - toClient: Writes bytes to the client, returning once the connection has taken them.
    ///   - ended: Called when the backend's side has ended, so that the server closes the connection.
    ///   - fromClient: Reads the client's bytes, handing each chunk to its argument, until the
    ///     client's input ends; it runs in the calling task.
    func run(
        toClient: @escaping @Sendable (ByteBuffer) async throws -> Void, ended: @escaping @Sendable () -> Void,
        fromClient: (_ deliver: (ByteBuffer) async -> Void) async -> Void
    ) async -> String
}
