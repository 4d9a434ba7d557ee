import Logging
import MQTT
import TestSupport
import Testing

@Suite("MQTT client against a real mosquitto over TLS", .timeLimit(.minutes(1)))
struct MQTTClientTests {
    @Test("a QoS 1 message with correlation data and content type goes from one client to another")
    func roundTrip() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice"])
        let topic = "pio/v1/agents/farm1/for/alice/reply"
        try await withMQTTClient(
            configuration: clientConfiguration(broker, user: "alice", subscriptions: [topic]), logger: quietLogger
        ) { receiver in
            var receiverEvents = receiver.events.makeAsyncIterator()
            _ = try await receiverEvents.expectConnected()
            try await withMQTTClient(configuration: clientConfiguration(broker, user: "farm1"), logger: quietLogger) {
                sender in
                var senderEvents = sender.events.makeAsyncIterator()
                _ = try await senderEvents.expectConnected()
                // The receiver's subscription went out with its CONNECT; a retained-free
                // message may race it, so wait for its SUBACK through a second subscribe.
                _ = try await receiver.subscribe([topic])
                let code = try await sender.publish(
                    MQTTOutgoingMessage(
                        topic: topic, payload: Array("{\"ok\":true}".utf8), correlationData: [1, 2, 3, 255],
                        contentType: "application/json"))
                #expect(code == .success)
                var messages = receiver.messages.makeAsyncIterator()
                let message = try await messages.expectMessage(on: topic)
                #expect(message.payload == Array("{\"ok\":true}".utf8))
                #expect(message.correlationData == [1, 2, 3, 255])
                #expect(message.contentType == "application/json")
                #expect(!message.retain)
                #expect(sender.statistics.published == 1)
            }
        }
    }

    @Test("a retained message reaches a later subscriber with the retain flag")
    func retained() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice"])
        let topic = "pio/v1/agents/farm1/presence"
        try await withMQTTClient(configuration: clientConfiguration(broker, user: "farm1"), logger: quietLogger) {
            agent in
            var events = agent.events.makeAsyncIterator()
            _ = try await events.expectConnected()
            _ = try await agent.publish(MQTTOutgoingMessage(topic: topic, payload: Array("online".utf8), retain: true))
        }
        try await withMQTTClient(
            configuration: clientConfiguration(broker, user: "alice", subscriptions: [topic]), logger: quietLogger
        ) { client in
            var messages = client.messages.makeAsyncIterator()
            let message = try await messages.expectMessage(on: topic)
            #expect(message.retain)
            #expect(message.payload == Array("online".utf8))
        }
    }

    @Test("the reference ACL refuses a forged requester with reason 135; a broker without it accepts")
    func aclRefusal() async throws {
        let forged = MQTTOutgoingMessage(topic: "pio/v1/agents/farm2/rpc/alice", payload: Array("{}".utf8))
        let guarded = try await MosquittoBroker(users: ["farm1", "alice"])
        try await withConnectedClient(clientConfiguration(guarded, user: "farm1")) { client in
            let code = try await client.publish(forged)
            #expect(code == .notAuthorized)
            #expect(code.isFailure)
        }
        let open = try await MosquittoBroker(users: ["farm1", "alice"], enforceACL: false)
        try await withConnectedClient(clientConfiguration(open, user: "farm1")) { client in
            let code = try await client.publish(forged)
            #expect(!code.isFailure)
        }
    }

    @Test("a broker certificate from another CA is refused as a TLS failure")
    func foreignCertificate() async throws {
        let broker = try await MosquittoBroker(users: ["alice"])
        let configuration = clientConfiguration(broker, user: "alice", caFile: broker.pki.strangerCAFile)
        try await withMQTTClient(configuration: configuration, logger: quietLogger) { client in
            var events = client.events.makeAsyncIterator()
            let reason = try await events.expectBackoff()
            #expect(reason.kind == .tls, "\(reason)")
            #expect(reason.message.contains("certificate verify failed"), "\(reason)")
            #expect(!client.statistics.connected)
        }
    }

    @Test("a wrong password is refused with the broker's reason code")
    func wrongPassword() async throws {
        let broker = try await MosquittoBroker(users: ["alice"])
        let configuration = clientConfiguration(broker, user: "alice", password: "not-the-password")
        try await withMQTTClient(configuration: configuration, logger: quietLogger) { client in
            var events = client.events.makeAsyncIterator()
            let reason = try await events.expectBackoff()
            #expect(reason.kind == .refused, "\(reason)")
            #expect(reason.reasonCode?.isFailure == true)
        }
    }

    @Test("publishing without a connection fails at once instead of queueing")
    func publishWhileDisconnected() async throws {
        let broker = try await MosquittoBroker(users: ["alice"])
        broker.kill()
        try await withMQTTClient(configuration: clientConfiguration(broker, user: "alice"), logger: quietLogger) {
            client in
            var events = client.events.makeAsyncIterator()
            let reason = try await events.expectBackoff()
            #expect(reason.kind == .network, "\(reason)")
            await #expect(throws: MQTTError.self) {
                _ = try await client.publish(MQTTOutgoingMessage(topic: "pio/v1/agents/alice/x", payload: []))
            }
        }
    }

    @Test("after a broker restart the client reconnects by itself and subscribes again")
    func reconnectAfterRestart() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice"])
        let topic = "pio/v1/agents/farm1/for/alice/inventory"
        try await withMQTTClient(
            configuration: clientConfiguration(broker, user: "alice", subscriptions: [topic]), logger: quietLogger
        ) { client in
            var events = client.events.makeAsyncIterator()
            _ = try await events.expectConnected()
            try await broker.restart()
            let reason = try await events.expectBackoff()
            #expect(reason.kind == .connectionLost || reason.kind == .network, "\(reason)")
            _ = try await events.expectConnected()
            #expect(client.statistics.reconnects == 1)
            try await withMQTTClient(configuration: clientConfiguration(broker, user: "farm1"), logger: quietLogger) {
                agent in
                var agentEvents = agent.events.makeAsyncIterator()
                _ = try await agentEvents.expectConnected()
                _ = try await agent.publish(MQTTOutgoingMessage(topic: topic, payload: [1], retain: true))
            }
            var messages = client.messages.makeAsyncIterator()
            let message = try await messages.expectMessage(on: topic)
            #expect(message.payload == [1])
        }
    }

    @Test("a frozen broker is detected within twice the keepalive (5 s, libmosquitto's least)")
    func frozenBroker() async throws {
        let broker = try await MosquittoBroker(users: ["alice"])
        defer { broker.thaw() }
        try await withMQTTClient(
            configuration: clientConfiguration(broker, user: "alice", keepalive: 5), logger: quietLogger
        ) { client in
            var events = client.events.makeAsyncIterator()
            _ = try await events.expectConnected()
            broker.freeze()
            let frozenAt = ContinuousClock.now
            let reason = try await events.expectBackoff()
            let detection = ContinuousClock.now - frozenAt
            #expect(reason.kind == .keepaliveTimeout, "\(reason)")
            // libmosquitto counts keepalive in whole seconds, so allow one more second of rounding.
            #expect(detection <= .seconds(11), "detected after \(detection)")
            broker.thaw()
            _ = try await events.expectConnected()
        }
    }

    @Test("disconnect publishes the farewell and the broker drops the will")
    func cleanDisconnect() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice"])
        let topic = "pio/v1/agents/farm1/presence"
        let will = MQTTOutgoingMessage(topic: topic, payload: Array("will".utf8), retain: true)
        try await withMQTTClient(
            configuration: clientConfiguration(broker, user: "alice", subscriptions: [topic]), logger: quietLogger
        ) { watcher in
            var watcherEvents = watcher.events.makeAsyncIterator()
            _ = try await watcherEvents.expectConnected()
            _ = try await watcher.subscribe([topic])
            try await withMQTTClient(
                configuration: clientConfiguration(broker, user: "farm1", will: will), logger: quietLogger
            ) { agent in
                var events = agent.events.makeAsyncIterator()
                _ = try await events.expectConnected()
                await agent.disconnect(
                    farewell: MQTTOutgoingMessage(topic: topic, payload: Array("bye".utf8), retain: true))
                #expect(!agent.statistics.connected)
            }
            var messages = watcher.messages.makeAsyncIterator()
            let farewell = try await messages.expectMessage(on: topic)
            #expect(farewell.payload == Array("bye".utf8))
            // Had the will been published it would follow the farewell; a marker published
            // afterwards must be the next message instead.
            let marker = "pio/v1/agents/alice/sync/1"
            _ = try await watcher.subscribe([marker])
            _ = try await watcher.publish(MQTTOutgoingMessage(topic: marker, payload: []))
            let next = try #require(await messages.next())
            #expect(next.topic == marker)
        }
    }

    @Test("No Local spares a client its own publications but still delivers its retained ones")
    func noLocal() async throws {
        let broker = try await MosquittoBroker(users: ["farm1"])
        let topic = "pio/v1/agents/farm1/for/alice/inventory"
        let marker = "pio/v1/agents/farm1/sync/1"
        var configuration = clientConfiguration(broker, user: "farm1")
        try await withConnectedClient(configuration) { client in
            _ = try await client.publish(MQTTOutgoingMessage(topic: topic, payload: Array("old".utf8), retain: true))
        }
        configuration.subscriptions = [MQTTSubscription(topic, noLocal: true), MQTTSubscription(marker)]
        try await withConnectedClient(configuration) { client in
            var messages = client.messages.makeAsyncIterator()
            let retained = try await messages.expectMessage(on: topic)
            #expect(retained.retain)
            #expect(retained.payload == Array("old".utf8))
            _ = try await client.publish(MQTTOutgoingMessage(topic: topic, payload: Array("new".utf8), retain: true))
            _ = try await client.publish(MQTTOutgoingMessage(topic: marker, payload: []))
            // Had the live publication come back, it would arrive before the marker.
            let next = try #require(await messages.next())
            #expect(next.topic == marker)
        }
    }

    @Test("a reader that falls behind costs dropped messages within the byte bound, counted, not memory")
    func inboundByteBound() async throws {
        let broker = try await MosquittoBroker(users: ["farm1"])
        let topic = "pio/v1/agents/farm1/for/alice/inventory"
        let marker = "pio/v1/agents/farm1/sync/1"
        var configuration = clientConfiguration(broker, user: "farm1", subscriptions: [topic, marker])
        configuration.inboundByteLimit = 10_000
        try await withConnectedClient(configuration) { client in
            _ = try await client.subscribe([topic, marker])
            for index in 0..<5 {
                _ = try await client.publish(MQTTOutgoingMessage(topic: topic, payload: [UInt8](repeating: UInt8(index), count: 4000)))
            }
            _ = try await client.publish(MQTTOutgoingMessage(topic: marker, payload: []))
            var messages = client.messages.makeAsyncIterator()
            var received: [MQTTMessage] = []
            while let message = await messages.next() {
                received.append(message)
                if message.topic == marker { break }
            }
            #expect(received.map(\.topic) == [topic, topic, marker])
            #expect(received.first?.payload.first == 0)
            #expect(client.statistics.dropped == 3)
            // The budget is back once read: the next message gets through.
            _ = try await client.publish(MQTTOutgoingMessage(topic: topic, payload: [UInt8](repeating: 9, count: 4000)))
            let next = try await messages.expectMessage(on: topic)
            #expect(next.payload.first == 9)
        }
    }

    @Test("the broker drops messages larger than the client's Maximum Packet Size")
    func maximumPacketSize() async throws {
        let broker = try await MosquittoBroker(users: ["farm1"])
        let topic = "pio/v1/agents/farm1/rpc/alice"
        let marker = "pio/v1/agents/farm1/sync/1"
        var configuration = clientConfiguration(broker, user: "farm1", subscriptions: [topic, marker])
        configuration.maximumPacketSize = 1000
        try await withConnectedClient(configuration) { client in
            _ = try await client.subscribe([topic, marker])
            _ = try await client.publish(MQTTOutgoingMessage(topic: topic, payload: [UInt8](repeating: 1, count: 2000)))
            _ = try await client.publish(MQTTOutgoingMessage(topic: topic, payload: [UInt8](repeating: 2, count: 100)))
            _ = try await client.publish(MQTTOutgoingMessage(topic: marker, payload: []))
            var messages = client.messages.makeAsyncIterator()
            let first = try #require(await messages.next())
            #expect(first.payload.first == 2)
            #expect(try #require(await messages.next()).topic == marker)
        }
    }
}
