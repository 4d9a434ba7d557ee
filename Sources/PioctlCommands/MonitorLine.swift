import AgentCore

/// Where a monitor's keys go: bytes to the board, and line changes (the parameters of
/// `device.control`, without the session) to the session's port.
protocol MonitorLine: Sendable {
    /// Sends `bytes` to the board.
    func send(_ bytes: [UInt8]) async
    /// Changes the port's line as `params` say.
    ///
    /// - Throws: the refusal, to show.
    func change(_ params: [String: JSONValue]) async throws
}
