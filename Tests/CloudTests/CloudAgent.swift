import AgentCore
import ControlClient
import MQTT
import TestSupport

/// A `pio-agentd` linked to a test broker, as the broker user of its name.
enum CloudAgent {
    /// The configuration of agent `name` on `broker`: one static port (`/dev/null`), the
    /// owner and share list given, `extraCloud` lines added to `[cloud]` and `extraStatic` to the
    /// static port.
    static func configuration(
        _ broker: MosquittoBroker, name: String = "farm1", owner: String? = "alice", share: [String] = ["bob"],
        extraCloud: String = "", staticPort: String = "/dev/null", extraStatic: String = ""
    ) -> String {
        """
        [agent]
        name = "\(name)"
        \(owner.map { "owner = \"\($0)\"" } ?? "")
        share = [\(share.map { "\"\($0)\"" }.joined(separator: ", "))]

        [devices]
        include = []
        [[devices.static]]
        port = "\(staticPort)"
        id = "null-board"
        board = "esp32"
        \(extraStatic)

        [cloud]
        url = "\(broker.url)"
        ca_file = "\(broker.pki.caFile)"
        password_file = "\(broker.directory.file("\(name).password"))"
        keepalive_s = 5
        \(extraCloud)
        """
    }

    /// Starts agent `name` on `broker` and waits until its link is up: its online presence
    /// (published after its subscriptions and ACL self-check) has reached the broker.
    static func start(
        _ broker: MosquittoBroker, name: String = "farm1", owner: String? = "alice", share: [String] = ["bob"],
        extraCloud: String = "", staticPort: String = "/dev/null", extraStatic: String = ""
    ) async throws -> AgentProcess {
        let presence = RemoteTopics().presence(agent: name)
        return try await BrokerUser.with(broker, name, subscribing: [presence]) { watcher in
            let agent = try await AgentProcess(
                configuration: configuration(
                    broker, name: name, owner: owner, share: share, extraCloud: extraCloud, staticPort: staticPort,
                    extraStatic: extraStatic))
            do {
                _ = try await watcher.next(on: presence) { message in
                    let state = try? AgentJSON.decode(Presence.self, from: message.payload)
                    return state?.online == true && state?.startedAt != nil && !message.retain
                }
            } catch {
                agent.terminate()
                throw TestFailure("farm agent \(name) did not come online: \(error)\nlog:\n\(agent.log.text)")
            }
            return agent
        }
    }
}

extension AgentProcess {
    /// The daemon's status, read through its control socket.
    func status() async throws -> AgentStatus {
        let client = client()
        return try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
    }
}
