import AgentCore
import TestSupport
import Testing

@Suite struct RemoteTopicsTests {
    let topics = RemoteTopics()

    @Test func topicsOfTheContract() {
        #expect(topics.presence(agent: "farm1") == "pio/v1/agents/farm1/presence")
        #expect(topics.inventory(agent: "farm1", user: "alice") == "pio/v1/agents/farm1/for/alice/inventory")
        #expect(topics.publicInventory(agent: "farm1") == "pio/v1/agents/farm1/public/inventory")
        #expect(topics.requests(agent: "farm1", user: "alice") == "pio/v1/agents/farm1/rpc/alice")
        #expect(topics.replies(agent: "farm1", user: "alice") == "pio/v1/agents/farm1/for/alice/reply")
        #expect(topics.requestFilter(agent: "farm1") == "pio/v1/agents/farm1/rpc/+")
        #expect(topics.listingFilters(user: "bob") == [
            "pio/v1/agents/+/presence", "pio/v1/agents/+/for/bob/#", "pio/v1/agents/+/public/#",
        ])
        // The probe names no valid agent or user, so no real party can own it.
        #expect(topics.parse(topics.aclProbe) == nil)
    }

    @Test func everyBuiltTopicParsesBack() {
        var generator = SplitMix64(seed: 2026)
        let alphabet = Array("abcXYZ019._-")
        for _ in 0..<500 {
            let agent = String((0..<Int.random(in: 1...64, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let user = String((0..<Int.random(in: 1...64, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(topics.parse(topics.presence(agent: agent)) == .presence(agent: agent))
            #expect(topics.parse(topics.inventory(agent: agent, user: user)) == .inventory(agent: agent, user: user))
            #expect(topics.parse(topics.publicInventory(agent: agent)) == .publicInventory(agent: agent))
            #expect(topics.parse(topics.requests(agent: agent, user: user)) == .request(agent: agent, user: user))
            #expect(topics.parse(topics.replies(agent: agent, user: user)) == .reply(agent: agent, user: user))
            let session = SessionID.random(using: &generator)
            #expect(
                topics.parse(topics.sessionFromUser(agent: agent, user: user, session: session))
                    == .sessionFromUser(agent: agent, user: user, session: session))
            #expect(
                topics.parse(topics.sessionFromAgent(agent: agent, user: user, session: session))
                    == .sessionFromAgent(agent: agent, user: user, session: session))
        }
    }

    @Test(arguments: [
        "pio/v1/agents/farm1", "pio/v1/agents//presence", "pio/v1/agents/farm1/rpc/", "pio/v1/agents/farm1/rpc/a b",
        "pio/v1/agents/farm1/rpc/alice/extra", "pio/v2/agents/farm1/presence", "pio/v1/agents/farm1/for/alice",
        "pio/v1/agents/farm1/for/alice/secrets", "pio/v1/agents/\(String(repeating: "a", count: 65))/presence",
        "pio/v1/agents/~acl-probe/rpc/~acl-probe", "", "#", "pio/v1/agents/+/presence",
        "pio/v1/agents/farm1/rpc/alice/s/0123456789ABCDEF", "pio/v1/agents/farm1/rpc/alice/s/0123",
        "pio/v1/agents/farm1/for/alice/s/0123456789abcdefa", "pio/v1/agents/farm1/rpc/alice/x/0123456789abcdef",
        "pio/v1/agents/farm1/for/alice/s/+",
    ])
    func topicsOutsideTheContractAreNotParsed(topic: String) {
        #expect(topics.parse(topic) == nil)
    }

    @Test func randomTopicsNeverParseToAnInvalidName() {
        var generator = SplitMix64(seed: 2027)
        let alphabet = Array("ab/+#~ .-_\u{0}é")
        for _ in 0..<2000 {
            let tail = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            guard let parsed = topics.parse("pio/v1/agents/" + tail) else { continue }
            switch parsed {
            case .request(let agent, let user), .inventory(let agent, let user), .reply(let agent, let user),
                .sessionFromUser(let agent, let user, _), .sessionFromAgent(let agent, let user, _):
                #expect(AgentName.isValid(agent) && AgentName.isValid(user))
            case .presence(let agent), .publicInventory(let agent):
                #expect(AgentName.isValid(agent))
            case .syncMarker(let user, _):
                #expect(AgentName.isValid(user))
            }
        }
    }

    @Test func prefixes() {
        #expect(RemoteTopics.isValidPrefix("pio/v1"))
        #expect(RemoteTopics.isValidPrefix("lab"))
        #expect(!RemoteTopics.isValidPrefix("lab/pio/v1"))
        #expect(!RemoteTopics.isValidPrefix(""))
        #expect(!RemoteTopics.isValidPrefix("pio/"))
        #expect(!RemoteTopics.isValidPrefix("pio/+"))
        #expect(RemoteTopics(prefix: "lab/x").parse("lab/x/agents/f/presence") == .presence(agent: "f"))
    }
}

@Suite struct BrokerURLTests {
    @Test(arguments: [
        ("mqtts://broker.example.com", true, "broker.example.com", 8883),
        ("mqtts://broker.example.com:443/", true, "broker.example.com", 443),
        ("mqtt://127.0.0.1", false, "127.0.0.1", 1883),
        ("mqtts://[::1]:9883", true, "::1", 9883),
        ("mqtts://[fe80::1]", true, "fe80::1", 8883),
    ])
    func validURLs(text: String, tls: Bool, host: String, port: Int) throws {
        let url = try #require(BrokerURL(text))
        #expect(url.usesTLS == tls)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(BrokerURL(url.description) == url)
    }

    @Test(arguments: [
        "", "broker:8883", "https://broker", "mqtts://", "mqtts://:8883", "mqtts://broker:", "mqtts://broker:x",
        "mqtts://broker:65536", "mqtts://user@broker", "mqtts://broker/path", "mqtts://[::1", "mqtts://[::1]x",
    ])
    func invalidURLs(text: String) {
        #expect(BrokerURL(text) == nil)
    }

    @Test func loopback() {
        #expect(BrokerURL("mqtt://localhost")!.isLoopback)
        #expect(BrokerURL("mqtt://127.1.2.3")!.isLoopback)
        #expect(BrokerURL("mqtt://[::1]")!.isLoopback)
        #expect(!BrokerURL("mqtt://127.example.com")!.isLoopback)
        #expect(!BrokerURL("mqtt://10.0.0.1")!.isLoopback)
    }
}

@Suite struct RPCMessageTests {
    @Test func aRequestParses() throws {
        let request = try RPCRequest(payload: Array(#"{"method":"device.list","params":{"x":[1,"a",null,true]}}"#.utf8))
        #expect(request.method == "device.list")
        #expect(request.params["x"] == .array([.number(1), .string("a"), .null, .bool(true)]))
        #expect(try RPCRequest(payload: Array(#"{"method":"agent.info"}"#.utf8)).params.isEmpty)
        #expect(try RPCRequest(payload: Array(#"{"method":"agent.info","params":null}"#.utf8)).params.isEmpty)
    }

    @Test(arguments: [
        "", "null", "[]", "\"x\"", "{}", #"{"method":""}"#, #"{"method":1}"#, #"{"method":"a","params":[]}"#,
        #"{"method":"a","params":"x"}"#, "{\"method\":\"a\"", "\u{FF}",
    ])
    func badRequestsAreBadRequests(text: String) {
        #expect(throws: RPCFailure.self) { try RPCRequest(payload: Array(text.utf8)) }
        do {
            _ = try RPCRequest(payload: Array(text.utf8))
        } catch {
            #expect(error.code == .badRequest)
        }
    }

    @Test func oversizedRequestsAreRefusedBeforeParsing() {
        let payload = [UInt8](repeating: UInt8(ascii: "{"), count: RPCRequest.maximumPayloadBytes + 1)
        do {
            _ = try RPCRequest(payload: payload)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .payloadTooLarge)
        }
    }

    /// Mutated requests either parse or fail with a request error; nothing else happens.
    @Test func mutatedRequestsNeverCrash() {
        var generator = SplitMix64(seed: 2028)
        let seeds = [
            #"{"method":"device.list","params":{}}"#, #"{"method":"agent.info","params":{"a":{"b":[1,2,{"c":null}]}}}"#,
        ].map { Array($0.utf8) }
        for round in 0..<5000 {
            var payload = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<max(payload.count, 1), using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0 where !payload.isEmpty: payload[index] = UInt8.random(in: 0...255, using: &generator)
                case 1 where !payload.isEmpty: payload.remove(at: index)
                case 2: payload.insert(UInt8.random(in: 0...255, using: &generator), at: min(index, payload.count))
                default: payload.insert(contentsOf: Array("[[[[".utf8), at: min(index, payload.count))
                }
            }
            do {
                let request = try RPCRequest(payload: payload)
                #expect(!request.method.isEmpty)
            } catch {
                #expect(error.code == .badRequest)
            }
        }
    }

    @Test func repliesHaveTheirTwoShapes() throws {
        let success = String(decoding: try AgentJSON.encode(RPCReply<JSONValue>.success(.object(["n": .number(1)]))), as: UTF8.self)
        #expect(success == #"{"ok":true,"result":{"n":1}}"#)
        let failure = String(
            decoding: try AgentJSON.encode(RPCReply<JSONValue>.failure(RPCFailure(.forbidden, "no"))), as: UTF8.self)
        #expect(failure == #"{"error":{"code":"forbidden","message":"no"},"ok":false}"#)
        guard case .failure(let decoded) = try AgentJSON.decode(RPCReply<JSONValue>.self, from: Array(failure.utf8)) else {
            Issue.record("decoded as success")
            return
        }
        #expect(decoded.code == .forbidden)
    }
}

@Suite struct RemoteMessagesTests {
    @Test func presenceWritesOwnerAsNullAndSinceOnlyWhenKnown() throws {
        let will = Presence(
            agent: "farm1", online: false, version: "1", hostname: "h", owner: nil,
            startedAt: Timestamp(millisecondsSinceEpoch: 0), since: nil)
        let text = String(decoding: try AgentJSON.encode(will), as: UTF8.self)
        #expect(text == #"{"agent":"farm1","hostname":"h","online":false,"owner":null,"started_at":"1970-01-01T00:00:00.000Z","version":"1"}"#)
    }

    @Test func inventoriesSkipDevicesOfUnknownKinds() throws {
        let text = #"{"agent":"farm1","updated_at":"2026-11-25T09:00:00.000Z","seq":3,"devices":[{"kind":"ota","id":"x"}]}"#
        let inventory = try AgentJSON.decode(RemoteInventory.self, from: Array(text.utf8))
        #expect(inventory.agent == "farm1")
        #expect(inventory.sequence == 3)
        #expect(inventory.devices.isEmpty)
    }
}

@Suite struct SessionIDTests {
    @Test func onlySixteenLowercaseHexDigitsAreASessionID() {
        #expect(SessionID("0123456789abcdef")?.rawValue == "0123456789abcdef")
        for text in ["", "0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg", "../../../etc/pas"] {
            #expect(SessionID(text) == nil, "\(text)")
        }
    }

    @Test func randomIdentifiersAreValidAndDiffer() {
        var generator = SplitMix64(seed: 99)
        let identifiers = (0..<100).map { _ in SessionID.random(using: &generator) }
        #expect(Set(identifiers).count == 100)
        #expect(identifiers.allSatisfy { SessionID($0.rawValue) == $0 })
    }

    @Test func jsonRefusesAnInvalidIdentifier() throws {
        struct Reply: Codable { let session: SessionID }
        let decoded = try AgentJSON.decode(Reply.self, from: Array("{\"session\":\"00000000000000ff\"}".utf8))
        #expect(decoded.session.rawValue == "00000000000000ff")
        #expect(throws: (any Error).self) { try AgentJSON.decode(Reply.self, from: Array("{\"session\":\"zz\"}".utf8)) }
    }
}
