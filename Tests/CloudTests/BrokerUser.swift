import AgentCore
import Logging
import MQTT
import Synchronization
import TestSupport

/// A developer (or stranger) logged in to the test broker: records every message it receives
/// and waits for the ones a test expects, so tests await events instead of sleeping.
final class BrokerUser: Sendable {
    let name: String
    let client: MQTTClient
    private let mailbox = Mailbox()

    private init(name: String, client: MQTTClient) {
        self.name = name
        self.client = client
    }

    /// Runs `body` with `user` connected to `broker` and subscribed to `subscriptions`.
    static func with<Result: Sendable>(
        _ broker: MosquittoBroker, _ user: String, subscribing subscriptions: [String],
        _ body: (BrokerUser) async throws -> Result
    ) async throws -> Result {
        let configuration = MQTTClientConfiguration(
            host: "127.0.0.1", port: broker.port, tls: MQTTTLSConfiguration(caFile: broker.pki.caFile),
            clientID: "\(user)-test-\(UInt32.random(in: 0...UInt32.max))", username: user,
            password: broker.passwords[user], subscriptions: subscriptions.map { MQTTSubscription($0) },
            backoff: ReconnectBackoff(initial: .milliseconds(100), maximum: .milliseconds(200)),
            inboundBufferLimit: 10_000)
        return try await withMQTTClient(configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { client in
            let user = BrokerUser(name: user, client: client)
            var events = client.events.makeAsyncIterator()
            connecting: while let event = await events.next() {
                switch event {
                case .connecting: continue
                case .connected: break connecting
                case .backoff(_, let reason): throw TestFailure("\(user.name) cannot connect: \(reason)")
                }
            }
            let pump = Task { [mailbox = user.mailbox] in
                for await message in client.messages { mailbox.deliver(message) }
            }
            defer { pump.cancel() }
            // Our subscriptions were sent with the connection; a marker of our own proves the
            // broker processed them (and delivered their retained messages) before the test goes on.
            try await user.sync()
            return try await body(user)
        }
    }

    /// Every message received so far.
    var received: [MQTTMessage] { mailbox.all }

    /// Publishes a marker to the user's own topic and waits for it, so every message the
    /// broker sent before is in ``received``.
    func sync() async throws {
        let marker = RemoteTopics().syncMarker(user: name, nonce: "\(UInt64.random(in: 0...UInt64.max))")
        _ = try await client.subscribe([marker])
        _ = try await client.publish(MQTTOutgoingMessage(topic: marker, payload: []))
        _ = try await next(on: marker)
    }

    /// The first message (recorded or future) on `topic` that satisfies `predicate`.
    func next(
        on topic: String, timeout: Duration = .seconds(15), where predicate: @escaping @Sendable (MQTTMessage) -> Bool = { _ in true }
    ) async throws -> MQTTMessage {
        try await mailbox.wait(timeout: timeout, label: "\(name) waiting on \(topic)") { $0.topic == topic && predicate($0) }
    }

    /// Calls `method` of `agent` (or publishes `payload` as is) and returns the reply.
    func call(
        _ agent: String, method: String = "agent.info", payload: [UInt8]? = nil, correlation: [UInt8]? = nil,
        onBehalfOf requester: String? = nil
    ) async throws -> MQTTMessage {
        let topics = RemoteTopics()
        let correlation = correlation ?? (0..<16).map { _ in UInt8.random(in: 0...255) }
        let request = payload ?? Array("{\"method\":\"\(method)\",\"params\":{}}".utf8)
        let code = try await client.publish(
            MQTTOutgoingMessage(
                topic: topics.requests(agent: agent, user: requester ?? name), payload: request,
                correlationData: correlation.isEmpty ? nil : correlation, contentType: "application/json"))
        guard !code.isFailure else { throw TestFailure("the broker refused the request: \(code)") }
        let expected = correlation.isEmpty ? nil : correlation
        return try await next(on: topics.replies(agent: agent, user: name)) { $0.correlationData == expected }
    }
}

/// Received messages, and tasks waiting for one.
private final class Mailbox: Sendable {
    private struct Waiter {
        let predicate: @Sendable (MQTTMessage) -> Bool
        let continuation: CheckedContinuation<MQTTMessage, Never>
    }

    private struct State {
        var messages: [MQTTMessage] = []
        var waiters: [Int: Waiter] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    var all: [MQTTMessage] { state.withLock { $0.messages } }

    func deliver(_ message: MQTTMessage) {
        let ready = state.withLock { state -> [CheckedContinuation<MQTTMessage, Never>] in
            state.messages.append(message)
            let matching = state.waiters.filter { $0.value.predicate(message) }
            for id in matching.keys { state.waiters[id] = nil }
            return matching.values.map(\.continuation)
        }
        for continuation in ready { continuation.resume(returning: message) }
    }

    func wait(
        timeout: Duration, label: String, _ predicate: @escaping @Sendable (MQTTMessage) -> Bool
    ) async throws -> MQTTMessage {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        let found = await withTaskGroup(of: MQTTMessage?.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let existing = self.state.withLock { state -> MQTTMessage? in
                        if let message = state.messages.first(where: predicate) { return message }
                        state.waiters[id] = Waiter(predicate: predicate, continuation: continuation)
                        return nil
                    }
                    if let existing { continuation.resume(returning: existing) }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            if first == nil {
                // Time is up: release the waiter so the group can finish.
                let waiter = self.state.withLock { $0.waiters.removeValue(forKey: id) }
                waiter?.continuation.resume(returning: MQTTMessage(topic: "", payload: []))
            }
            group.cancelAll()
            return first
        }
        guard let found, !found.topic.isEmpty else { throw TestFailure("\(label): nothing within \(timeout)") }
        return found
    }
}
