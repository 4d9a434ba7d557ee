import TestSupport

/// A raw `GET /v1/events` connection whose lines are recorded as they arrive.
final class EventStream: Sendable {
    private let connection: UnixSocket
    private let recorder: OutputRecorder

    /// Opens the stream and waits for its first line, the snapshot, so later events are not missed.
    init(socketPath: String) async throws {
        connection = try UnixSocket.connectedStream(to: socketPath)
        try connection.send("GET /v1/events HTTP/1.1\r\nHost: test\r\n\r\n")
        recorder = try OutputRecorder(reading: connection.descriptor, label: "event stream")
        try await recorder.wait(for: "\"event\":\"snapshot\"")
    }

    /// Everything received so far.
    var text: String { recorder.text }

    /// Waits until the stream holds `fragment`.
    @discardableResult
    func wait(for fragment: String, timeout: Duration = .seconds(10)) async throws -> String {
        try await recorder.wait(for: fragment, timeout: timeout)
    }

    /// Waits for an event line with `name` that mentions `device`.
    func waitForEvent(_ name: String, device: String, timeout: Duration = .seconds(10)) async throws {
        try await recorder.wait(timeout: timeout) { text in
            text.split(separator: "\n").contains { line in
                line.contains("\"event\":\"\(name)\"") && line.contains("\"name\":\"\(device)\"")
            }
        }
    }

    /// The recorder owns the connection's descriptor and closes it once stopped.
    deinit { recorder.stop() }
}
