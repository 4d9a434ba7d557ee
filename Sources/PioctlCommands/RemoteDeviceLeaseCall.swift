import AgentCore
import RemoteClient

/// One lease call (`device.lock`, `device.unlock`) to the agent that has the port.
enum RemoteDeviceLeaseCall {
    /// Calls `method` with `params` on the agent holding `port` (or named with -a).
    static func call<Result: Codable & Sendable>(
        _ method: String, params: [String: JSONValue], port: String, options: RemoteOptions
    ) async throws -> Result {
        let timeout = try options.deadline()
        let profile = try await RemoteFailure.reporting { try ClientProfileStore().load() }
        let agent = try await RemoteFailure.reporting {
            try await RemotePortLocator.agent(holding: port, options: options, profile: profile, timeout: timeout)
        }
        return try await RemoteFailure.reporting {
            try await RemoteMonitorClient.with(
                profile: profile, deadline: .now + timeout, reconnects: false, logger: Pioctl.quietLogger
            ) { sessions in
                try await sessions.requester.call(method, params: params, on: agent, as: Result.self, deadline: .now + timeout)
            }
        }
    }
}
