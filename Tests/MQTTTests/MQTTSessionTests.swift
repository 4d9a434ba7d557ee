import MQTT
import TestSupport
import Testing

@Suite("MQTT persistent sessions against a real mosquitto over TLS", .timeLimit(.minutes(1)))
struct MQTTSessionTests {
    @Test("a client with a persistent session gets the QoS 1 messages sent while it was away, in order")
    func messagesWaitForAReturningClient() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice"])
        let topic = "pio/v1/agents/farm1/for/alice/s/0123456789abcdef"
        var configuration = clientConfiguration(broker, user: "alice", subscriptions: [topic])
        configuration.sessionExpirySeconds = 60
        // The first connection makes the session; the broker says it had none.
        let firstHadSession = try await withMQTTClient(configuration: configuration, logger: quietLogger) { client in
            var events = client.events.makeAsyncIterator()
            let present = try await events.expectConnected()
            _ = try await client.subscribe([topic])
            await client.disconnect()
            return present
        }
        #expect(!firstHadSession)
        try await withConnectedClient(clientConfiguration(broker, user: "farm1")) { agent in
            for index in 1...3 {
                let code = try await agent.publish(MQTTOutgoingMessage(topic: topic, payload: [UInt8(index)]))
                #expect(code == .success)
            }
        }
        // Back with the same client identifier: the session and its queued messages are there.
        try await withMQTTClient(configuration: configuration, logger: quietLogger) { client in
            var events = client.events.makeAsyncIterator()
            let present = try await events.expectConnected()
            #expect(present)
            var messages = client.messages.makeAsyncIterator()
            var payloads: [[UInt8]] = []
            for _ in 1...3 { payloads.append(try await messages.expectMessage(on: topic).payload) }
            #expect(payloads == [[1], [2], [3]])
            await client.disconnect()
        }
    }

    @Test("without a session expiry every connection starts clean")
    func cleanByDefault() async throws {
        let broker = try await MosquittoBroker(users: ["alice"])
        let configuration = clientConfiguration(broker, user: "alice", subscriptions: ["pio/v1/agents/alice/x"])
        for _ in 0..<2 {
            let present = try await withMQTTClient(configuration: configuration, logger: quietLogger) { client in
                var events = client.events.makeAsyncIterator()
                let present = try await events.expectConnected()
                await client.disconnect()
                return present
            }
            #expect(!present)
        }
    }
}
