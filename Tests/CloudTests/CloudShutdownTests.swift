import AgentCore
import Glibc
import TestSupport
import Testing

@Suite("Cloud link shutdown", .timeLimit(.minutes(1)))
struct CloudShutdownTests {
    @Test("SIGTERM while the broker never answers the TCP handshake stops the agent within seconds")
    func stopWhileConnecting() async throws {
        let silent = try SilentPort()
        let agent = try await AgentProcess(
            configuration: """
                [agent]
                name = "farm1"
                [devices]
                include = []
                [cloud]
                url = "mqtt://127.0.0.1:\(silent.port)"
                """,
            environment: ["PIO_AGENT_TOKEN": "token"])
        defer { agent.terminate() }
        #expect(try await agent.status().cloud.state == "connecting")
        let status = try await agent.stop()
        #expect(status == 0, "\(agent.log.text)")
        #expect(!agent.log.text.contains("token"))
    }
}
