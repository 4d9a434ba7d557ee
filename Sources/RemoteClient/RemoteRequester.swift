public import AgentCore
public import MQTT

/// Sends requests to agents (docs/protocol.md §7) over one client connection and matches the
/// replies by their correlation data.
///
/// The connection must subscribe to the user's reply filter (``replyFilter(user:topics:)``).
/// Its owner reads the client's messages and hands each to ``deliver(_:)``, which takes the
/// replies and leaves everything else (session streams) to the owner.
public actor RemoteRequester {
    private let client: MQTTClient
    private let user: String
    private let topics: RemoteTopics
    private var waiting: [[UInt8]: CheckedContinuation<[UInt8]?, Never>] = [:]
    private var early: [[UInt8]: [UInt8]] = [:]

    /// A requester for `user` on `client`.
    public init(client: MQTTClient, user: String, topics: RemoteTopics = RemoteTopics()) {
        self.client = client
        self.user = user
        self.topics = topics
    }

    /// The filter for every agent's replies to `user`.
    public static func replyFilter(user: String, topics: RemoteTopics = RemoteTopics()) -> String {
        "\(topics.prefix)/agents/+/for/\(user)/reply"
    }

    /// Takes a received message if it is a reply to this user; false for anything else.
    public func deliver(_ message: MQTTMessage) -> Bool {
        guard case .reply(_, let recipient)? = topics.parse(message.topic), recipient == user else { return false }
        guard let correlation = message.correlationData else { return true }
        if let continuation = waiting.removeValue(forKey: correlation) {
            continuation.resume(returning: message.payload)
        } else if early.count < 64 {
            // A reply can overtake the bookkeeping of its own request; keep a few.
            early[correlation] = message.payload
        }
        return true
    }

    /// Calls `method` on `agent` and decodes its result as `Result`.
    ///
    /// - Throws: ``RemoteClientError``: `.timedOut` when no reply came by `deadline` (the agent
    ///   is offline or frozen), `.refused` with the agent's error code and message when it
    ///   answered with an error, `.unreachable` when the broker refused the request.
    public func call<Result: Codable & Sendable>(
        _ method: String, params: [String: JSONValue] = [:], on agent: String, as type: Result.Type,
        deadline: ContinuousClock.Instant
    ) async throws(RemoteClientError) -> Result {
        let correlation = Array((0..<16).map { _ in UInt8.random(in: 0...255) })
        let payload: [UInt8]
        do {
            payload = try AgentJSON.encode(RPCRequest(method: method, params: params))
        } catch {
            throw RemoteClientError(.badProfile, "cannot encode the request \(method): \(error)")
        }
        let code: MQTTReasonCode
        do {
            code = try await client.publish(
                MQTTOutgoingMessage(
                    topic: topics.requests(agent: agent, user: user), payload: payload, correlationData: correlation,
                    contentType: "application/json"))
        } catch {
            throw RemoteClientError(.unreachable, "\(error)", mqtt: error)
        }
        guard !code.isFailure else {
            throw RemoteClientError(.refused, "the broker refused the request to \(agent) (\(code))")
        }
        guard let reply = await reply(to: correlation, by: deadline) else {
            throw RemoteClientError(.timedOut, "agent \(agent) did not answer \(method) in time; is it online?")
        }
        let decoded: RPCReply<Result>
        do {
            decoded = try AgentJSON.decode(RPCReply<Result>.self, from: reply)
        } catch {
            throw RemoteClientError(.refused, "agent \(agent) sent a reply to \(method) this pioctl cannot read: \(error)")
        }
        switch decoded {
        case .success(let result): return result
        case .failure(let failure): throw RemoteClientError(.refused, "\(agent): \(failure)", rpc: failure)
        }
    }

    /// The payload of the reply with `correlation`, or nil at `deadline`.
    private func reply(to correlation: [UInt8], by deadline: ContinuousClock.Instant) async -> [UInt8]? {
        if let payload = early.removeValue(forKey: correlation) { return payload }
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            await self?.expire(correlation)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { waiting[correlation] = $0 }
    }

    /// Ends the wait for `correlation` without a reply.
    private func expire(_ correlation: [UInt8]) {
        waiting.removeValue(forKey: correlation)?.resume(returning: nil)
    }
}
