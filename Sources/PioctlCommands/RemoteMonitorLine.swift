import AgentCore
import RemoteClient
import SessionStream

/// A remote monitor's line: bytes on the session's stream, changes through RPC `device.control`.
struct RemoteMonitorLine: MonitorLine {
    let monitor: RemoteMonitor
    let requester: RemoteRequester
    let agent: String
    let timeout: Duration

    func send(_ bytes: [UInt8]) async {
        await monitor.link.send(bytes)
    }

    func change(_ params: [String: JSONValue]) async throws {
        var params = params
        params["session"] = .string(monitor.opened.session.rawValue)
        let _: JSONValue = try await requester.call(
            "device.control", params: params, on: agent, as: JSONValue.self, deadline: .now + timeout)
    }

    /// Asks the agent to close the session.
    func close() async throws {
        let _: JSONValue = try await requester.call(
            "session.close", params: ["session": .string(monitor.opened.session.rawValue)], on: agent, as: JSONValue.self,
            deadline: .now + timeout)
    }
}
