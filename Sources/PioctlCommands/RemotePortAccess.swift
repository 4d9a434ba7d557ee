import RemoteClient

/// What every command on one remote port does first: load the user's settings, find the agent
/// that has the port (or the one named with -a), and connect set up for sessions.
enum RemotePortAccess {
    /// Runs `body` with the connection and the agent that has `port`; a ``RemoteClientError``
    /// becomes one line and an exit status (``RemoteFailure``). With `reconnects`, the connection
    /// comes back after a broker restart, as a long-lived monitor or bridge needs.
    static func with<Result: Sendable>(
        port: String, options: RemoteOptions, reconnects: Bool,
        _ body: (_ sessions: RemoteMonitorClient, _ agent: String) async throws -> Result
    ) async throws -> Result {
        let timeout = try options.deadline()
        let profile = try await RemoteFailure.reporting { try ClientProfileStore().load() }
        let agent = try await RemoteFailure.reporting {
            try await RemotePortLocator.agent(holding: port, options: options, profile: profile, timeout: timeout)
        }
        return try await RemoteFailure.reporting {
            try await RemoteMonitorClient.with(
                profile: profile, deadline: .now + timeout, reconnects: reconnects, logger: Pioctl.quietLogger
            ) { sessions in
                try await body(sessions, agent)
            }
        }
    }
}
