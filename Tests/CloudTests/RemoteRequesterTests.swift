import AgentCore
import Logging
import MQTT
import RemoteClient
import TestSupport
import Testing

/// pioctl's request path (RemoteRequester) against a real agent through a real broker.
@Suite("Requests from a client to an agent", .timeLimit(.minutes(1)))
struct RemoteRequesterTests {
    /// Runs `body` with a requester connected as `user`, its messages routed to it.
    @discardableResult
    static func withRequester<Result: Sendable>(
        _ broker: MosquittoBroker, user: String, _ body: (RemoteRequester) async throws -> Result
    ) async throws -> Result {
        let url = try #require(BrokerURL(broker.url))
        let profile = ClientProfile(broker: url, username: user, password: broker.passwords[user], caFile: broker.pki.caFile)
        return try await RemoteSession.with(
            profile: profile, subscriptions: [RemoteRequester.replyFilter(user: user)],
            deadline: .now + .seconds(5), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        ) { client in
            let requester = RemoteRequester(client: client, user: user)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for await message in client.messages { _ = await requester.deliver(message) } }
                defer { group.cancelAll() }
                return try await body(requester)
            }
        }
    }

    @Test("agent.info is answered to a shared user; an unknown method and a stranger get the agent's error codes")
    func answersAndRefusals() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob", "eve"])
        let agent = try await CloudAgent.start(broker)
        defer { agent.terminate() }
        try await Self.withRequester(broker, user: "bob") { requester in
            let info = try await requester.call("agent.info", on: "farm1", as: AgentInfo.self, deadline: .now + .seconds(5))
            #expect(info.agent == "farm1")
            #expect(info.methods.contains("device.list"))
            // Several calls at once are matched to their own replies.
            async let first = requester.call("device.list", on: "farm1", as: DeviceList.self, deadline: .now + .seconds(5))
            async let second = requester.call("agent.info", on: "farm1", as: AgentInfo.self, deadline: .now + .seconds(5))
            let (devices, again) = try await (first, second)
            #expect(devices.devices.map(\.id) == ["null-board"])
            #expect(again.agent == "farm1")
            await #expect {
                _ = try await requester.call("no.such.method", on: "farm1", as: JSONValue.self, deadline: .now + .seconds(5))
            } throws: { error in
                (error as? RemoteClientError)?.rpc?.code == .unknownMethod
            }
        }
        try await Self.withRequester(broker, user: "eve") { requester in
            await #expect {
                _ = try await requester.call("agent.info", on: "farm1", as: AgentInfo.self, deadline: .now + .seconds(5))
            } throws: { error in
                (error as? RemoteClientError)?.rpc?.code == .forbidden
            }
        }
    }

    @Test("a request to an agent that does not answer ends at its deadline")
    func silentAgent() async throws {
        let broker = try await MosquittoBroker(users: ["alice"])
        try await Self.withRequester(broker, user: "alice") { requester in
            let started = ContinuousClock.now
            await #expect {
                _ = try await requester.call("agent.info", on: "nobody", as: AgentInfo.self, deadline: .now + .milliseconds(300))
            } throws: { error in
                (error as? RemoteClientError)?.kind == .timedOut
            }
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }
}
