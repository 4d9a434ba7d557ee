import AgentCore
import ControlClient
import Glibc
import MQTT
import TestSupport
import Testing

/// The agent's cloud link against a real mosquitto with TLS and the shipped ACL.
@Suite("Cloud link end to end", .timeLimit(.minutes(2)))
struct CloudLinkTests {
    let topics = RemoteTopics()

    @Test("presence goes online with the agent and its last will marks it offline after kill -9")
    func presenceAndWill() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        try await BrokerUser.with(broker, "alice", subscribing: [topics.presence(agent: "farm1")]) { alice in
            let agent = try await CloudAgent.start(broker)
            let online = try await alice.next(on: topics.presence(agent: "farm1")) { $0.payload.contains(Array("true".utf8)[0]) }
            let presence = try AgentJSON.decode(Presence.self, from: online.payload)
            #expect(presence.online)
            #expect(presence.agent == "farm1")
            #expect(presence.owner == "alice")
            #expect(presence.version == AgentVersion.current)
            #expect(presence.since != nil)
            let status = try await agent.status()
            #expect(status.cloud.acl == "enforced")
            #expect(status.cloud.username == "farm1")
            agent.send(SIGKILL)
            _ = try await agent.waitForExit()
            let will = try await alice.next(on: topics.presence(agent: "farm1")) {
                (try? AgentJSON.decode(Presence.self, from: $0.payload))?.online == false
            }
            let offline = try AgentJSON.decode(Presence.self, from: will.payload)
            #expect(offline.since == nil)
            agent.terminate()
        }
    }

    @Test("a clean stop publishes offline with a time, and the will is not sent as well")
    func cleanStop() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        try await BrokerUser.with(broker, "alice", subscribing: [topics.presence(agent: "farm1")]) { alice in
            let agent = try await CloudAgent.start(broker)
            _ = try await alice.next(on: topics.presence(agent: "farm1")) { (try? AgentJSON.decode(Presence.self, from: $0.payload))?.online == true }
            #expect(try await agent.stop() == 0)
            let goodbye = try await alice.next(on: topics.presence(agent: "farm1")) {
                (try? AgentJSON.decode(Presence.self, from: $0.payload))?.online == false
            }
            #expect(try AgentJSON.decode(Presence.self, from: goodbye.payload).since != nil)
            try await alice.sync()
            let offlines = alice.received.filter { $0.topic == topics.presence(agent: "farm1") }
                .compactMap { try? AgentJSON.decode(Presence.self, from: $0.payload) }.filter { !$0.online }
            #expect(offlines.count == 1)
            agent.terminate()
        }
    }

    @Test("the inventory reaches the owner and the shared user, and a stranger on pio/v1/# sees none of it")
    func inventoryAudience() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob", "eve"])
        try await BrokerUser.with(broker, "eve", subscribing: ["pio/v1/#"]) { eve in
            let agent = try await CloudAgent.start(broker)
            defer { agent.terminate() }
            for user in ["alice", "bob"] {
                try await BrokerUser.with(broker, user, subscribing: topics.listingFilters(user: user)) { member in
                    let message = try await member.next(on: topics.inventory(agent: "farm1", user: user))
                    let inventory = try AgentJSON.decode(RemoteInventory.self, from: message.payload)
                    #expect(inventory.agent == "farm1")
                    #expect(inventory.devices.map(\.id) == ["null-board"])
                }
            }
            try await eve.sync()
            let seen = Set(eve.received.map(\.topic).filter { $0.hasPrefix("pio/v1/agents/farm1/") })
            // Presence is for everyone; nothing else of farm1's reaches a stranger.
            #expect(seen == [topics.presence(agent: "farm1")])
        }
    }

    @Test("a stranger's request is answered forbidden and logged with the user name; a forged requester is refused by the ACL")
    func strangerForbidden() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob", "eve"])
        let agent = try await CloudAgent.start(broker)
        defer { agent.terminate() }
        try await BrokerUser.with(broker, "eve", subscribing: [topics.replies(agent: "farm1", user: "eve")]) { eve in
            let reply = try await eve.call("farm1", method: "device.list")
            let answer = try AgentJSON.decode(RPCReply<JSONValue>.self, from: reply.payload)
            guard case .failure(let failure) = answer else { throw TestFailure("eve was served: \(reply.payload)") }
            #expect(failure.code == .forbidden)
            try await agent.log.wait(for: "user=eve")
            await #expect(throws: TestFailure.self) {
                _ = try await eve.call("farm1", method: "device.list", onBehalfOf: "bob")
            }
        }
        try await BrokerUser.with(broker, "bob", subscribing: [topics.replies(agent: "farm1", user: "bob")]) { bob in
            let reply = try await bob.call("farm1", method: "device.list")
            guard case .success(let result) = try AgentJSON.decode(RPCReply<DeviceList>.self, from: reply.payload) else {
                throw TestFailure("bob was refused: \(String(decoding: reply.payload, as: UTF8.self))")
            }
            #expect(result.agent == "farm1")
            #expect(result.devices.map(\.id) == ["null-board"])
            #expect(reply.contentType == "application/json")
        }
    }

    @Test("malformed, unknown, oversized and uncorrelated requests get error replies and the agent stays up")
    func badRequests() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let agent = try await CloudAgent.start(broker)
        defer { agent.terminate() }
        try await BrokerUser.with(broker, "alice", subscribing: [topics.replies(agent: "farm1", user: "alice")]) { alice in
            let cases: [(payload: [UInt8], code: RPCErrorCode)] = [
                (Array("{not json".utf8), .badRequest),
                (Array("[1,2]".utf8), .badRequest),
                (Array("{\"params\":{}}".utf8), .badRequest),
                (Array("{\"method\":\"agent.info\",\"params\":[]}".utf8), .badRequest),
                (Array("{\"method\":\"no.such\"}".utf8), .unknownMethod),
                ([UInt8](repeating: UInt8(ascii: " "), count: RPCRequest.maximumPayloadBytes + 1), .payloadTooLarge),
            ]
            for (payload, code) in cases {
                let reply = try await alice.call("farm1", payload: payload)
                guard case .failure(let failure) = try AgentJSON.decode(RPCReply<JSONValue>.self, from: reply.payload) else {
                    throw TestFailure("no error for \(String(decoding: payload.prefix(40), as: UTF8.self))")
                }
                #expect(failure.code == code)
                #expect(!failure.message.isEmpty)
            }
            let uncorrelated = try await alice.call("farm1", correlation: [])
            #expect(uncorrelated.correlationData == nil)
            guard case .failure(let failure) = try AgentJSON.decode(RPCReply<JSONValue>.self, from: uncorrelated.payload) else {
                throw TestFailure("no error without correlation data")
            }
            #expect(failure.code == .missingCorrelationData)
            // Past the agent's Maximum Packet Size (2 MiB) the broker drops the request: no reply, no harm.
            let huge = MQTTOutgoingMessage(
                topic: topics.requests(agent: "farm1", user: "alice"),
                payload: [UInt8](repeating: UInt8(ascii: " "), count: 3 << 20), correlationData: [7, 7, 7])
            #expect(!(try await alice.client.publish(huge)).isFailure)
            let info = try await alice.call("farm1", method: "agent.info")
            guard case .success(let result) = try AgentJSON.decode(RPCReply<AgentInfo>.self, from: info.payload) else {
                throw TestFailure("agent.info failed after bad requests")
            }
            #expect(result.acl == "enforced")
            #expect(result.methods.contains("device.list"))
            _ = try await alice.call("farm1", method: "agent.info")
            #expect(!alice.received.contains { $0.correlationData == [7, 7, 7] })
        }
    }

    @Test("mutated requests to a live agent each get a well-formed reply, and the agent keeps serving")
    func fuzzedRequests() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let agent = try await CloudAgent.start(broker)
        defer { agent.terminate() }
        try await BrokerUser.with(broker, "alice", subscribing: [topics.replies(agent: "farm1", user: "alice")]) { alice in
            var generator = SplitMix64(seed: 33)
            let seeds = [#"{"method":"device.list","params":{}}"#, #"{"method":"agent.info"}"#].map { Array($0.utf8) }
            for round in 0..<150 {
                var payload = seeds[round % seeds.count]
                for _ in 0..<generator.int(in: 1...5) {
                    let index = generator.int(in: 0...(payload.count - 1))
                    switch generator.int(in: 0...2) {
                    case 0: payload[index] = UInt8.random(in: 0...255, using: &generator)
                    case 1 where payload.count > 1: payload.remove(at: index)
                    default: payload.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                    }
                }
                let reply = try await alice.call("farm1", payload: payload)
                switch try AgentJSON.decode(RPCReply<JSONValue>.self, from: reply.payload) {
                case .success: break
                case .failure(let failure):
                    #expect([.badRequest, .unknownMethod].contains(failure.code), "round \(round): \(failure)")
                }
            }
            let info = try await alice.call("farm1", method: "agent.info")
            guard case .success = try AgentJSON.decode(RPCReply<AgentInfo>.self, from: info.payload) else {
                throw TestFailure("the agent stopped serving after the fuzz")
            }
        }
    }

    @Test("without the broker ACL the agent says so in status and refuses requests, unless trusted")
    func unenforcedACL() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"], enforceACL: false)
        for trusted in [false, true] {
            let agent = try await CloudAgent.start(broker, extraCloud: trusted ? "trust_unenforced_acl = true" : "")
            defer { agent.terminate() }
            try await BrokerUser.with(broker, "alice", subscribing: [topics.replies(agent: "farm1", user: "alice")]) { alice in
                let reply = try await alice.call("farm1", method: "agent.info")
                let answer = try AgentJSON.decode(RPCReply<JSONValue>.self, from: reply.payload)
                switch (answer, trusted) {
                case (.failure(let failure), false): #expect(failure.code == .brokerACLUnenforced)
                case (.success, true): break
                default: Issue.record("trusted \(trusted): \(String(decoding: reply.payload, as: UTF8.self))")
                }
            }
            #expect(try await agent.status().cloud.acl == "unenforced")
            if !trusted { try await agent.log.wait(for: "requester names can be forged") }
            _ = try await agent.stop()
        }
    }

    @Test("removing a user from the share list on SIGHUP clears their retained inventory")
    func shareRemovalClears() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let agent = try await CloudAgent.start(broker)
        defer { agent.terminate() }
        try await BrokerUser.with(broker, "bob", subscribing: [topics.inventory(agent: "farm1", user: "bob")]) { bob in
            _ = try await bob.next(on: topics.inventory(agent: "farm1", user: "bob")) { !$0.payload.isEmpty }
            try Files.write(CloudAgent.configuration(broker, share: []), to: agent.configPath)
            agent.send(SIGHUP)
            _ = try await bob.next(on: topics.inventory(agent: "farm1", user: "bob")) { $0.payload.isEmpty }
        }
        // A later subscriber finds nothing retained for bob.
        try await BrokerUser.with(broker, "bob", subscribing: [topics.inventory(agent: "farm1", user: "bob")]) { bob in
            #expect(bob.received.filter { $0.topic == topics.inventory(agent: "farm1", user: "bob") }.isEmpty)
        }
    }

    @Test("an agent restarted with a shorter share list clears copies an earlier run left")
    func staleCopyFromEarlierRun() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let first = try await CloudAgent.start(broker)
        try await BrokerUser.with(broker, "bob", subscribing: [topics.inventory(agent: "farm1", user: "bob")]) { bob in
            _ = try await bob.next(on: topics.inventory(agent: "farm1", user: "bob")) { !$0.payload.isEmpty }
        }
        _ = try await first.stop()
        first.terminate()
        let second = try await CloudAgent.start(broker, share: [])
        defer { second.terminate() }
        try await second.log.wait(for: "cleared a retained inventory left for a user no longer shared with")
        try await BrokerUser.with(broker, "bob", subscribing: [topics.inventory(agent: "farm1", user: "bob")]) { bob in
            #expect(bob.received.filter { $0.topic == topics.inventory(agent: "farm1", user: "bob") }.isEmpty)
        }
    }

    @Test("an inventory change reaches a remote user as a new retained inventory")
    func inventoryChangePropagates() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let portDirectory = try TemporaryDirectory(prefix: "static-port")
        defer { portDirectory.remove() }
        let port = portDirectory.file("ttyV0")
        let agent = try await CloudAgent.start(broker, staticPort: port)
        defer { agent.terminate() }
        let inventoryTopic = topics.inventory(agent: "farm1", user: "alice")
        try await BrokerUser.with(broker, "alice", subscribing: [inventoryTopic]) { alice in
            let before = try await alice.next(on: inventoryTopic)
            #expect(try AgentJSON.decode(RemoteInventory.self, from: before.payload).devices.first?.isPresent == false)
            _ = try Files.write("", to: port)
            let client = agent.client()
            _ = try await blocking { try client.post("/v1/reannounce", as: ReannounceResult.self) }
            let after = try await alice.next(on: inventoryTopic) {
                (try? AgentJSON.decode(RemoteInventory.self, from: $0.payload))?.devices.first?.isPresent == true
            }
            #expect(!after.retain)
            // A later subscriber gets the new state as the retained copy.
            try await BrokerUser.with(broker, "bob", subscribing: [self.topics.inventory(agent: "farm1", user: "bob")]) { bob in
                let retained = try await bob.next(on: self.topics.inventory(agent: "farm1", user: "bob"))
                #expect(try AgentJSON.decode(RemoteInventory.self, from: retained.payload).devices.first?.isPresent == true)
            }
        }
    }

    @Test("after a broker restart the agent reconnects by itself and republishes presence and inventory")
    func brokerRestart() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let agent = try await CloudAgent.start(broker)
        defer { agent.terminate() }
        try await BrokerUser.with(broker, "alice", subscribing: [topics.presence(agent: "farm1")]) { alice in
            _ = try await alice.next(on: topics.presence(agent: "farm1"))
        }
        // persistence is off: the restarted broker has forgotten everything retained.
        try await broker.restart()
        try await BrokerUser.with(broker, "alice", subscribing: topics.listingFilters(user: "alice")) { alice in
            _ = try await alice.next(on: topics.presence(agent: "farm1")) { (try? AgentJSON.decode(Presence.self, from: $0.payload))?.online == true }
            _ = try await alice.next(on: topics.inventory(agent: "farm1", user: "alice"))
        }
        let status = try await agent.status()
        #expect(status.cloud.state == "connected")
        #expect(status.cloud.reconnects == 1)
    }

    @Test("a frozen broker is detected, the local API keeps answering, and the link comes back after SIGCONT")
    func frozenBroker() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        defer { broker.thaw() }
        let agent = try await CloudAgent.start(broker)
        defer { agent.terminate() }
        let presenceTopic = topics.presence(agent: "farm1")
        try await BrokerUser.with(broker, "alice", subscribing: [presenceTopic]) { alice in
            let first = try await alice.next(on: presenceTopic)
            let firstSince = try #require(try AgentJSON.decode(Presence.self, from: first.payload).since)
            broker.freeze()
            // keepalive_s = 5: the link must be declared down within 2 × 5 s (plus libmosquitto's whole-second rounding).
            try await agent.log.wait(timeout: .seconds(12)) { $0.contains("cloud link down") }
            let status = try await agent.status()
            #expect(status.cloud.state != "connected")
            #expect(status.cloud.lastError != nil)
            broker.thaw()
            // alice's own connection survives the freeze (keepalive 30 s); she sees the agent come back.
            let back = try await alice.next(on: presenceTopic, timeout: .seconds(25)) {
                guard let presence = try? AgentJSON.decode(Presence.self, from: $0.payload) else { return false }
                return presence.online && (presence.since ?? firstSince) > firstSince
            }
            #expect(try AgentJSON.decode(Presence.self, from: back.payload).online)
        }
        #expect(try await agent.status().cloud.state == "connected")
        #expect(try await agent.status().cloud.reconnects >= 1)
    }

    @Test("a broker user name other than the agent's name is reported: the ACL refuses its presence")
    func foreignUsername() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let configuration = CloudAgent.configuration(broker, extraCloud: "username = \"bob\"")
            .replacing("farm1.password", with: "bob.password")
        let agent = try await AgentProcess(configuration: configuration)
        defer { agent.terminate() }
        try await agent.log.wait(for: "the broker user name must be the agent's name")
        #expect(try await agent.status().cloud.username == "bob")
    }

    @Test("a broker certificate from another CA is refused and shown in status")
    func foreignCA() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let configuration = CloudAgent.configuration(broker).replacing(broker.pki.caFile, with: broker.pki.strangerCAFile)
        let agent = try await AgentProcess(configuration: configuration)
        defer { agent.terminate() }
        try await agent.log.wait(for: "certificate verify failed")
        let status = try await agent.status()
        #expect(status.cloud.state != "connected")
        #expect(status.cloud.lastError?.contains("TLS") == true)
    }
}
