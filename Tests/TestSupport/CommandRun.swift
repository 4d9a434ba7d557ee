/// What a finished command printed and returned.
public struct CommandResult: Sendable {
    /// The exit status, or nil when a signal ended it.
    public let status: Int32?
    /// Standard output.
    public let output: String
    /// Standard error.
    public let error: String
}

/// Runs `path` with `arguments` to completion and returns what it printed.
///
/// - Parameter environment: changes to this process's environment (nil removes a variable).
public func runCommand(
    _ path: String, _ arguments: [String], environment: [String: String?] = [:], timeout: Duration = .seconds(30)
) async throws -> CommandResult {
    let child = try ChildProcess.spawn(path, arguments: arguments, environment: TestEnvironment.environment(environment))
    let output = try OutputRecorder(reading: child.standardOutput, label: "\(path) output")
    let error = try OutputRecorder(reading: child.standardError, label: "\(path) error")
    do {
        let status = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask { try await blocking { try child.waitForExit() } }
            group.addTask {
                try await Task.sleep(for: timeout)
                child.terminate()
                throw TestFailure("\(path) \(arguments) did not finish within \(timeout)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        // The pipes close when the child exits; wait for the recorders to see the end.
        try await output.waitForEnd()
        try await error.waitForEnd()
        return CommandResult(status: status, output: output.text, error: error.text)
    } catch {
        child.terminate()
        throw error
    }
}
