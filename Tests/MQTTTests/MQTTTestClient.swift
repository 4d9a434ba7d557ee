import Logging
import MQTT
import TestSupport

/// Settings for a test client of `broker` logged in as `user`.
func clientConfiguration(
    _ broker: MosquittoBroker, user: String, subscriptions: [String] = [], keepalive: Int = 30,
    will: MQTTOutgoingMessage? = nil, caFile: String? = nil, password: String? = nil
) -> MQTTClientConfiguration {
    MQTTClientConfiguration(
        host: "127.0.0.1", port: broker.port, tls: MQTTTLSConfiguration(caFile: caFile ?? broker.pki.caFile),
        clientID: "\(user)-\(UInt32.random(in: 0...UInt32.max))", username: user,
        password: password ?? broker.passwords[user], keepaliveSeconds: keepalive, will: will,
        subscriptions: subscriptions.map { MQTTSubscription($0) },
        backoff: ReconnectBackoff(initial: .milliseconds(100), maximum: .milliseconds(400), jitter: 0.25))
}

/// A logger that prints nothing unless a test needs it.
let quietLogger = Logger(label: "mqtt-test") { _ in SwiftLogNoOpLogHandler() }

extension AsyncStream<MQTTConnectionEvent>.Iterator {
    /// The next `connected` event; fails on a `backoff` first.
    mutating func expectConnected() async throws -> Bool {
        while let event = await next() {
            switch event {
            case .connecting: continue
            case .connected(let sessionPresent): return sessionPresent
            case .backoff(_, let reason): throw TestFailure("expected a connection, got: \(reason)")
            }
        }
        throw TestFailure("the event stream ended before a connection")
    }

    /// The next `backoff` event's reason, skipping `connecting`.
    mutating func expectBackoff() async throws -> MQTTError {
        while let event = await next() {
            if case .backoff(_, let reason) = event { return reason }
        }
        throw TestFailure("the event stream ended before a backoff")
    }
}

extension MQTTMessageStream.Iterator {
    /// The next message on `topic`, skipping others.
    mutating func expectMessage(on topic: String) async throws -> MQTTMessage {
        while let message = await next() {
            if message.topic == topic { return message }
        }
        throw TestFailure("the message stream ended before a message on \(topic)")
    }
}

/// Runs `body` with a client of `configuration` once its first connection is up.
func withConnectedClient<Result: Sendable>(
    _ configuration: MQTTClientConfiguration, _ body: (MQTTClient) async throws -> Result
) async throws -> Result {
    try await withMQTTClient(configuration: configuration, logger: quietLogger) { client in
        var events = client.events.makeAsyncIterator()
        _ = try await events.expectConnected()
        return try await body(client)
    }
}
