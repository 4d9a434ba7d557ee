import AgentCore
public import Logging
public import MQTT

/// One connection of a command-line client to the broker, made for one command and closed after it.
public enum RemoteSession {
    /// Connects as `profile`'s user with `subscriptions` (sent with the connection), runs
    /// `body`, and disconnects. The connection must be up by `deadline`; with `reconnects` (a
    /// monitor, which lives long), a link lost later comes back by itself, subscriptions included.
    ///
    /// - Throws: ``RemoteClientError`` when the broker cannot be reached, refuses the login or
    ///   does not answer in time; then whatever `body` throws.
    public static func with<Result: Sendable>(
        profile: ClientProfile, subscriptions: [String], deadline: ContinuousClock.Instant, reconnects: Bool = false,
        logger: Logger, _ body: (MQTTClient) async throws -> Result
    ) async throws -> Result {
        let configuration = MQTTClientConfiguration(
            host: profile.broker.host, port: profile.broker.port,
            tls: profile.broker.usesTLS ? MQTTTLSConfiguration(caFile: profile.caFile) : nil,
            clientID: "pioctl-\(profile.username)-\(UInt64.random(in: 0...UInt64.max) % 1_000_000_000_000)",
            username: profile.username, password: profile.password, keepaliveSeconds: 30,
            subscriptions: subscriptions.map { MQTTSubscription($0) },
            backoff: ReconnectBackoff(initial: .milliseconds(250), maximum: .seconds(5)), reconnects: reconnects,
            inboundBufferLimit: 100_000, inboundByteLimit: 256 << 20)
        let result: Result
        do {
            result = try await withMQTTClient(configuration: configuration, logger: logger) { client in
                try await connected(client, profile: profile, deadline: deadline)
                let result = try await body(client)
                await client.disconnect()
                return result
            }
        } catch let error as MQTTError {
            throw RemoteClientError(.unreachable, "\(error)", mqtt: error)
        }
        return result
    }

    /// Waits for the connection's outcome.
    private static func connected(
        _ client: MQTTClient, profile: ClientProfile, deadline: ContinuousClock.Instant
    ) async throws(RemoteClientError) {
        let outcome = await withDeadline(deadline) { () async -> MQTTError? in
            for await event in client.events {
                switch event {
                case .connecting: continue
                case .connected: return nil
                case .backoff(_, let reason): return reason
                }
            }
            return MQTTError(.stopped, "the connection ended")
        }
        switch outcome {
        case nil:
            throw RemoteClientError(.timedOut, "the broker \(profile.broker) did not answer in time")
        case .some(nil):
            return
        case .some(let failure?):
            let hint =
                switch failure.kind {
                case .refused: " (pioctl login stores the user name and password)"
                case .tls: " (pioctl login --ca-file names the CA that signed the broker's certificate)"
                default: ""
                }
            throw RemoteClientError(.unreachable, "\(failure)\(hint)", mqtt: failure)
        }
    }
}

/// Runs `operation` until it returns or `deadline` passes; nil on the deadline.
public func withDeadline<Value: Sendable>(
    _ deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async -> Value
) async -> Value? {
    await withTaskGroup(of: Value?.self) { group in
        group.addTask { await operation() }
        group.addTask {
            try? await Task.sleep(until: deadline, clock: .continuous)
            return nil
        }
        defer { group.cancelAll() }
        return await group.next() ?? nil
    }
}
