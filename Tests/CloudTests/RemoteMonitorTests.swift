import AgentCore
import AsyncPrimitives
import ControlClient
import Logging
import MQTT
import RemoteClient
import SessionStream
import TestSupport
import Testing

/// Remote serial monitors end to end: a pty as the board (a static port of the agent), the
/// agent and a user's client on a real broker with TLS and the contract's ACL.
@Suite("Remote serial monitor sessions", .timeLimit(.minutes(1)))
struct RemoteMonitorTests {
    @discardableResult
    static func withUser<Result: Sendable>(
        _ broker: MosquittoBroker, _ user: String, _ body: (RemoteMonitorClient) async throws -> Result
    ) async throws -> Result {
        let url = try #require(BrokerURL(broker.url))
        let profile = ClientProfile(broker: url, username: user, password: broker.passwords[user], caFile: broker.pki.caFile)
        return try await RemoteMonitorClient.with(
            profile: profile, deadline: .now + .seconds(5), reconnects: false,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, body)
    }

    /// Runs the link of `monitor` while `body` runs.
    static func running<Result: Sendable>(
        _ monitor: RemoteMonitor, _ body: () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await monitor.link.run() }
            defer { group.cancelAll() }
            let result = try await body()
            await monitor.link.close()
            return result
        }
    }

    static func agent(
        _ broker: MosquittoBroker, board: PseudoterminalBoard, grace: Int = 60, modemLines: String = "device"
    ) async throws -> AgentProcess {
        try await CloudAgent.start(
            broker, extraCloud: "session_grace_s = \(grace)", staticPort: board.devicePath,
            extraStatic: "modem_lines = \"\(modemLines)\"")
    }

    @Test("bytes flow both ways in order; 5 MiB from the board arrive byte for byte")
    func bytesBothWays() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await Self.agent(broker, board: board)
        defer { agent.terminate() }
        try await Self.withUser(broker, "bob") { bob in
            let monitor = try await bob.open(["port": .string("null-board"), "baud": .number(921_600)])
            #expect(monitor.opened.port == board.devicePath)
            #expect(monitor.opened.settings["baud"] == .number(921_600))
            try await Self.running(monitor) {
                var deliveries = monitor.link.deliveries.makeAsyncIterator()
                // The user types; the board reads.
                await monitor.link.send(Array("hello board\r\n".utf8))
                let typed = try await blocking { try board.read(count: 13) }
                #expect(typed == Array("hello board\r\n".utf8))
                // The board talks fast: every byte arrives, in order.
                let burst = try await RandomBytes.make(count: 5 << 20, seed: 2217)
                async let written: Void = blocking { try board.write(burst) }
                var received: [UInt8] = []
                while received.count < burst.count, let delivery = await deliveries.next() {
                    if case .bytes(let bytes) = delivery { received += bytes }
                }
                try await written
                let exact = RandomBytes.equal(received, burst)
                #expect(exact, "\(received.count) of \(burst.count) bytes")
            }
            let sessions = try await agent.sessions()
            #expect(sessions.count == 1)
            #expect(sessions.first?.user == "bob")
            #expect(sessions.first.map { $0.bytesToUser >= 5 << 20 } == true)
        }
    }

    @Test("a second monitor on the port is refused as busy, naming the user; a stranger is forbidden")
    func busyAndForbidden() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob", "eve"])
        let board = try PseudoterminalBoard()
        let agent = try await Self.agent(broker, board: board)
        defer { agent.terminate() }
        try await Self.withUser(broker, "bob") { bob in
            let monitor = try await bob.open(["port": .string(board.devicePath)])
            try await Self.running(monitor) {
                try await Self.withUser(broker, "alice") { alice in
                    await #expect {
                        _ = try await alice.open(["port": .string("null-board")])
                    } throws: { error in
                        let failure = (error as? RemoteClientError)?.rpc
                        return failure?.code == .portBusy && failure?.message.contains("bob") == true
                    }
                    await #expect {
                        _ = try await alice.open(["port": .string("/dev/sda")])
                    } throws: { error in
                        (error as? RemoteClientError)?.rpc?.code == .unknownPort
                    }
                }
                try await Self.withUser(broker, "eve") { eve in
                    await #expect {
                        _ = try await eve.open(["port": .string("null-board")])
                    } throws: { error in
                        (error as? RemoteClientError)?.rpc?.code == .forbidden
                    }
                }
            }
        }
    }

    @Test("unplugging the board ends the session with 'device removed'; the agent stays up")
    func unplug() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await Self.agent(broker, board: board)
        defer { agent.terminate() }
        try await Self.withUser(broker, "bob") { bob in
            let monitor = try await bob.open(["port": .string("null-board")])
            try await Self.running(monitor) {
                board.close()
                var events: [String] = []
                for await delivery in monitor.link.deliveries {
                    if case .event(let json) = delivery { events.append(String(decoding: json, as: UTF8.self)) }
                    if !events.isEmpty { break }
                }
                #expect(events == ["{\"event\":\"closed\",\"reason\":\"device removed\"}"])
            }
        }
        #expect(try await agent.status().cloud.state == "connected")
    }

    @Test("session.close ends the session for its user; a user who goes silent loses it after the grace period")
    func closeAndGrace() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        // Three seconds: enough for a heartbeat every 200 ms to arrive on a loaded machine.
        let agent = try await Self.agent(broker, board: board, grace: 3)
        defer { agent.terminate() }
        try await Self.withUser(broker, "bob") { bob in
            let monitor = try await bob.open(["port": .string("null-board")], heartbeat: .milliseconds(200))
            try await Self.running(monitor) {
                // Alive and heard from: the session outlives several grace periods.
                try await agent.log.wait(for: "monitor session opened")
                let _: JSONValue = try await bob.requester.call(
                    "agent.info", on: "farm1", as: JSONValue.self, deadline: .now + .seconds(5))
                #expect(!agent.log.text.contains("monitor session closed"))
                let _: JSONValue = try await bob.requester.call(
                    "session.close", params: ["session": .string(monitor.opened.session.rawValue)], on: "farm1",
                    as: JSONValue.self, deadline: .now + .seconds(5))
                try await agent.log.wait(for: "reason=closed by the user")
            }
            // A silent user: no heartbeat and no frames.
            let silent = try await bob.open(["port": .string("null-board")], heartbeat: .seconds(3600))
            #expect(silent.opened.session != monitor.opened.session)
            try await agent.log.wait(for: "reason=client gone", timeout: .seconds(10))
        }
        #expect(try await agent.sessions().isEmpty)
    }
}

extension RemoteMonitorClient {
    /// Opens a monitor on `farm1`, waiting at most 5 s for its answer.
    func open(_ params: [String: JSONValue], heartbeat: Duration = .seconds(15)) async throws -> RemoteMonitor {
        try await open(params, on: "farm1", heartbeat: heartbeat, deadline: .now + .seconds(5))
    }
}

extension AgentProcess {
    /// The daemon's live sessions, read through its control socket (`GET /v1/sessions`).
    func sessions() async throws -> [SessionSummary] {
        let client = client()
        return try await blocking { try client.get("/v1/sessions", as: SessionList.self) }.sessions
    }
}

extension RemoteMonitorTests {
    @Test("a user who reads too slowly gets an overrun with the exact count where the bytes went missing, never a silent loss")
    func overrun() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await Self.agent(broker, board: board)
        defer { agent.terminate() }
        try await Self.withUser(broker, "bob") { bob in
            let monitor = try await bob.open(["port": .string("null-board")])
            // The link does not run yet: nothing is acknowledged, as with a user who stopped reading.
            let burst = try await RandomBytes.make(count: 8 << 20, seed: 6)
            try await blocking { try board.write(burst) }
            try await Self.running(monitor) {
                var received: [UInt8] = []
                var missing = 0
                var gapAt: Int?
                var deliveries = monitor.link.deliveries.makeAsyncIterator()
                while received.count + missing < burst.count, let delivery = await deliveries.next() {
                    switch delivery {
                    case .bytes(let bytes): received += bytes
                    case .event(let json):
                        let event = try AgentJSON.decode([String: JSONValue].self, from: json)
                        guard event["event"] == .string("overrun"), case .number(let count)? = event["bytes"] else { continue }
                        gapAt = gapAt ?? received.count
                        missing += Int(count)
                    }
                }
                // The agent kept its window and its 4 MiB buffer; the rest is accounted for, in place.
                let gap = try #require(gapAt)
                #expect(missing > 0 && received.count + missing == burst.count)
                #expect(received.count >= 4 << 20)
                let before = RandomBytes.equal(received.prefix(gap), burst.prefix(gap))
                let after = RandomBytes.equal(received.suffix(received.count - gap), burst.suffix(received.count - gap))
                #expect(before && after, "\(received.count) bytes, \(missing) missing at \(gap)")
            }
        }
    }
}

extension RemoteMonitorTests {
    @Test("a broker restart in the middle of a stream loses and duplicates nothing")
    func brokerRestart() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await Self.agent(broker, board: board)
        defer { agent.terminate() }
        // A user whose client reconnects by itself, as an interactive monitor's does.
        let configuration = MQTTClientConfiguration(
            host: "127.0.0.1", port: broker.port, tls: MQTTTLSConfiguration(caFile: broker.pki.caFile),
            clientID: "bob-monitor-\(UInt32.random(in: 0...UInt32.max))", username: "bob", password: broker.passwords["bob"],
            subscriptions: [RemoteRequester.replyFilter(user: "bob"), RemoteSessionRouter.sessionFilter(user: "bob")]
                .map { MQTTSubscription($0) },
            backoff: ReconnectBackoff(initial: .milliseconds(100), maximum: .milliseconds(200)),
            inboundBufferLimit: 10_000, inboundByteLimit: 256 << 20, sessionExpirySeconds: 60)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        try await withMQTTClient(configuration: configuration, logger: logger) { client in
            let connected = OneShotEvent()
            let (reconnections, reconnected) = AsyncStream.makeStream(of: Void.self)
            let requester = RemoteRequester(client: client, user: "bob")
            let router = RemoteSessionRouter(requester: requester, user: "bob")
            let url = try #require(BrokerURL(broker.url))
            let user = RemoteMonitorClient(
                client: client, requester: requester, router: router,
                profile: ClientProfile(broker: url, username: "bob", password: broker.passwords["bob"], caFile: broker.pki.caFile))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await router.route(client.messages) }
                group.addTask {
                    var first = true
                    for await event in client.events {
                        guard case .connected = event else { continue }
                        if first { connected.signal() } else { reconnected.yield() }
                        first = false
                    }
                }
                defer { group.cancelAll() }
                await connected.wait()
                let monitor = try await user.open(["port": .string("null-board")])
                group.addTask {
                    for await _ in reconnections { await monitor.link.transportReconnected() }
                }
                try await Self.running(monitor) {
                    let burst = try await RandomBytes.make(count: 3 << 20, seed: 8)
                    async let written: Void = blocking { try board.write(burst) }
                    var received: [UInt8] = []
                    var restarted = false
                    var deliveries = monitor.link.deliveries.makeAsyncIterator()
                    while received.count < burst.count, let delivery = await deliveries.next() {
                        if case .bytes(let bytes) = delivery { received += bytes }
                        if !restarted, received.count >= 1 << 20 {
                            restarted = true
                            try await broker.restart()
                        }
                    }
                    try await written
                    let exact = RandomBytes.equal(received, burst)
                    #expect(exact, "\(received.count) of \(burst.count) bytes")
                    #expect(client.statistics.reconnects >= 1)
                }
            }
        }
        #expect(try await agent.status().cloud.reconnects >= 1)
    }
}

extension RemoteMonitorTests {
    @Test("on a port with modem lines (the agent's loopback) the open and device.control report them, and modem_events sends each change")
    func modemLines() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await Self.agent(broker, board: board, modemLines: "loopback")
        defer { agent.terminate() }
        try await Self.withUser(broker, "bob") { bob in
            let monitor = try await bob.open(["port": "null-board", "modem_events": true])
            // Opening left the lines alone: all off.
            #expect(monitor.opened.modem == ["dtr": false, "rts": false, "cts": false, "dsr": false, "ri": false, "cd": false])
            try await Self.running(monitor) {
                var deliveries = monitor.link.deliveries.makeAsyncIterator()
                let status: [String: JSONValue] = try await bob.requester.call(
                    "device.control", params: ["session": .string(monitor.opened.session.rawValue), "dtr": true],
                    on: "farm1", as: [String: JSONValue].self, deadline: .now + .seconds(5))
                #expect(status["baud"] == 115_200)
                #expect(status["modem"] == .object(["dtr": true, "rts": false, "cts": false, "dsr": true, "ri": false, "cd": true]))
                var event: [String: JSONValue] = [:]
                while event["event"] != "modem", let delivery = await deliveries.next() {
                    if case .event(let json) = delivery { event = try AgentJSON.decode([String: JSONValue].self, from: json) }
                }
                #expect(event == ["event": "modem", "dtr": true, "rts": false, "cts": false, "dsr": true, "ri": false, "cd": true])
            }
        }
    }
}
