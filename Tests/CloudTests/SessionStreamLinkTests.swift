import AgentCore
import Logging
import MQTT
import SessionStream
import TestSupport
import Testing

/// Both ends of a session stream over a real mosquitto with TLS and the contract's ACL: the
/// agent `farm1` on one client, the user `alice` on another.
@Suite("Session streams over a real broker", .timeLimit(.minutes(1)))
struct SessionStreamLinkTests {
    /// One end: an MQTT client whose messages on `inbound` feed a link publishing on `outbound`.
    struct End {
        let link: SessionStreamLink
        let client: MQTTClient
    }

    /// Runs `body` with both ends of session `session` connected.
    static func withEnds<Result: Sendable>(
        _ broker: MosquittoBroker, agentOverflow: SessionStreamLink.Overflow = .wait,
        limits: SessionStreamSender.Limits = .init(),
        _ body: (_ agent: End, _ user: End) async throws -> Result
    ) async throws -> Result {
        let topics = RemoteTopics()
        let session = SessionID.random()
        let fromUser = topics.sessionFromUser(agent: "farm1", user: "alice", session: session)
        let fromAgent = topics.sessionFromAgent(agent: "farm1", user: "alice", session: session)
        return try await withEnd(broker, user: "farm1", inbound: fromUser, outbound: fromAgent, overflow: agentOverflow, limits: limits) {
            agent in
            try await withEnd(broker, user: "alice", inbound: fromAgent, outbound: fromUser, overflow: .wait, limits: limits) {
                user in
                try await body(agent, user)
            }
        }
    }

    static func withEnd<Result: Sendable>(
        _ broker: MosquittoBroker, user: String, inbound: String, outbound: String, overflow: SessionStreamLink.Overflow,
        limits: SessionStreamSender.Limits, _ body: (End) async throws -> Result
    ) async throws -> Result {
        let configuration = MQTTClientConfiguration(
            host: "127.0.0.1", port: broker.port, tls: MQTTTLSConfiguration(caFile: broker.pki.caFile),
            clientID: "\(user)-stream-\(UInt32.random(in: 0...UInt32.max))", username: user,
            password: broker.passwords[user], subscriptions: [MQTTSubscription(inbound)],
            backoff: ReconnectBackoff(initial: .milliseconds(100), maximum: .milliseconds(200)),
            inboundBufferLimit: 10_000, inboundByteLimit: 256 << 20, sessionExpirySeconds: 60)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return try await withMQTTClient(configuration: configuration, logger: logger) { client in
            let link = SessionStreamLink(limits: limits, overflow: overflow, resendAfter: .milliseconds(500)) { bytes in
                let code = try await client.publish(MQTTOutgoingMessage(topic: outbound, payload: bytes))
                guard !code.isFailure else { throw TestFailure("publish refused: \(code)") }
            }
            var events = client.events.makeAsyncIterator()
            while let event = await events.next() {
                if case .connected = event { break }
            }
            // The subscription went out with CONNECT; a second subscribe returns after its SUBACK.
            _ = try await client.subscribe([inbound])
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in client.messages where message.topic == inbound { await link.receive(message.payload) }
                }
                group.addTask {
                    var events = client.events.makeAsyncIterator()
                    while let event = await events.next() {
                        if case .connected = event { await link.transportReconnected() }
                    }
                }
                group.addTask { await link.run() }
                defer { group.cancelAll() }
                let result = try await body(End(link: link, client: client))
                await link.close()
                return result
            }
        }
    }

    /// Reads deliveries until `count` bytes arrived; returns the bytes and the events. (One
    /// iterator per stream: dropping an `AsyncStream` iterator ends the stream.)
    static func collect(
        _ deliveries: inout AsyncStream<SessionStreamReceiver.Delivery>.Iterator, bytes count: Int
    ) async -> (bytes: [UInt8], events: [String]) {
        var bytes: [UInt8] = []
        var events: [String] = []
        while bytes.count < count, let delivery = await deliveries.next() {
            switch delivery {
            case .bytes(let chunk): bytes += chunk
            case .event(let json): events.append(String(decoding: json, as: UTF8.self))
            }
        }
        return (bytes, events)
    }

    /// Reads every delivery of `link` until `count` bytes arrived.
    static func collect(_ link: SessionStreamLink, bytes count: Int) async -> (bytes: [UInt8], events: [String]) {
        var deliveries = link.deliveries.makeAsyncIterator()
        return await collect(&deliveries, bytes: count)
    }

    @Test("2 MiB each way arrive byte for byte, in order, across a broker restart in the middle")
    func lossless() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice"])
        let board = try await RandomBytes.make(count: 2 << 20, seed: 5)
        let keyboard = try await RandomBytes.make(count: 2 << 20, seed: 6)
        try await Self.withEnds(broker) { agent, user in
            async let atUser = Self.collect(user.link, bytes: board.count)
            async let atAgent = Self.collect(agent.link, bytes: keyboard.count)
            async let fromAgent: Void = {
                for start in stride(from: 0, to: board.count, by: 64 << 10) {
                    await agent.link.send(Array(board[start..<min(start + (64 << 10), board.count)]))
                    if start == 1 << 20 { try? await broker.restart() }
                }
            }()
            async let fromUser: Void = {
                for start in stride(from: 0, to: keyboard.count, by: 4096) {
                    await user.link.send(Array(keyboard[start..<min(start + 4096, keyboard.count)]))
                }
            }()
            _ = await (fromAgent, fromUser)
            let (userSide, agentSide) = await (atUser, atAgent)
            let boardExact = RandomBytes.equal(userSide.bytes, board)
            let keyboardExact = RandomBytes.equal(agentSide.bytes, keyboard)
            #expect(boardExact, "\(userSide.bytes.count) of \(board.count) bytes at the user")
            #expect(keyboardExact, "\(agentSide.bytes.count) of \(keyboard.count) bytes at the agent")
            #expect(userSide.events.isEmpty && agentSide.events.isEmpty)
            // The restart really cut both links in the middle.
            #expect(agent.client.statistics.reconnects >= 1 && user.client.statistics.reconnects >= 1)
        }
    }

    @Test("a board that outruns its client gets an overrun with the exact count in its place, then the bytes after it")
    func overrunReported() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice"])
        let limits = SessionStreamSender.Limits(window: 256 << 10, buffer: 1 << 20)
        try await Self.withEnds(broker, agentOverflow: .reportOverrun, limits: limits) { agent, user in
            // 3 MiB at once, faster than any client: the buffer keeps 1 MiB, 2 MiB are dropped.
            let burst = try await RandomBytes.make(count: 3 << 20, seed: 7)
            let dropped = await agent.link.send(burst)
            #expect(dropped == 2 << 20)
            var deliveries = user.link.deliveries.makeAsyncIterator()
            let collected = await Self.collect(&deliveries, bytes: 1 << 20)
            let prefixExact = RandomBytes.equal(collected.bytes, burst.prefix(1 << 20))
            #expect(prefixExact, "\(collected.bytes.count) bytes")
            #expect(collected.events.isEmpty)
            // The overrun comes right after the 1 MiB kept; the next bytes come after it.
            await agent.link.send(Array("after".utf8))
            let tail = await Self.collect(&deliveries, bytes: 5)
            #expect(tail.events == ["{\"event\":\"overrun\",\"bytes\":\(2 << 20)}"])
            #expect(tail.bytes == Array("after".utf8))
        }
    }
}
