public import AgentCore
import Testing

/// pyserial's serial client (`Tests/peers/rfc2217_client.py`), driven one JSON request at a time:
/// the `rfc2217://` client that esptool and `pio device monitor` use, or `socket://`.
public final class SerialClientPeer: Sendable {
    private let child: ChildProcess
    private let output: OutputRecorder
    private let errors: OutputRecorder

    /// Starts the peer; nothing is opened until ``call(_:)`` asks.
    public init() throws {
        let python = try Self.python()
        child = try ChildProcess.spawn(python, arguments: [PackageFiles.path("Tests/peers/rfc2217_client.py")],
            environment: TestEnvironment.environment(), input: true)
        do {
            output = try OutputRecorder(reading: child.standardOutput, label: "pyserial client")
            errors = try OutputRecorder(reading: child.standardError, label: "pyserial client stderr")
        } catch {
            child.terminate()
            throw error
        }
    }

    /// The virtualenv's Python with pyserial, which `make test` installs.
    static func python() throws -> String {
        let python = PackageFiles.path(".build/test-venv/bin/python")
        if !TestEnvironment.isExecutable(python) {
            try SystemTestPolicy.unavailable("pyserial is not installed; `make test` installs it into .build/test-venv")
        }
        return python
    }

    /// Sends `request` and returns the answer's fields.
    ///
    /// - Throws: ``TestFailure`` with pyserial's error when it answers `"ok": false`.
    @discardableResult
    public func call(_ request: [String: JSONValue], timeout: Duration = .seconds(20)) async throws -> [String: JSONValue] {
        let answered = output.text.split(separator: "\n").count
        try child.send(String(decoding: try AgentJSON.encode(request), as: UTF8.self) + "\n")
        let text = try await output.wait(timeout: timeout) { $0.split(separator: "\n").count > answered && $0.hasSuffix("\n") }
        let line = text.split(separator: "\n")[answered]
        let answer = try AgentJSON.decode([String: JSONValue].self, from: Array(line.utf8))
        guard answer["ok"] == .bool(true) else {
            throw TestFailure("pyserial: \(request["op"].map { "\($0)" } ?? "?") failed: \(answer["error"].map { "\($0)" } ?? "")\n\(errors.text)")
        }
        return answer
    }

    /// Stops the peer.
    public func stop() {
        child.terminate()
        output.stop()
        errors.stop()
    }

    deinit { stop() }
}
