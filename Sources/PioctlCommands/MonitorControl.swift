import AgentCore
import RemoteClient
import SessionStream

/// Carries out an interactive monitor's key actions: bytes to the board, line changes through
/// `device.control`, the help text; it keeps the DTR and RTS it last set (both up after open, as
/// drivers raise them).
actor MonitorControl {
    private let session: SessionID
    private let requester: RemoteRequester
    private let agent: String
    private let timeout: Duration
    private var dtr = true
    private var rts = true

    init(session: SessionID, requester: RemoteRequester, agent: String, timeout: Duration) {
        self.session = session
        self.requester = requester
        self.agent = agent
        self.timeout = timeout
    }

    /// Does what `action` asks; a refusal is reported on the terminal, not fatal.
    func perform(_ action: MonitorKeys.Action, on link: SessionStreamLink) async {
        switch action {
        case .send(let bytes): await link.send(bytes)
        case .quit: break
        case .help: say(MonitorKeys.help)
        case .unknownCommand(let key): say("--- unknown command key \(key); Ctrl+T h shows the keys\r\n")
        case .toggleDTR:
            if await change(["dtr": .bool(!dtr)], what: "DTR") {
                dtr.toggle()
                say("--- DTR \(dtr ? "active" : "inactive")\r\n")
            }
        case .toggleRTS:
            if await change(["rts": .bool(!rts)], what: "RTS") {
                rts.toggle()
                say("--- RTS \(rts ? "active" : "inactive")\r\n")
            }
        case .sendBreak:
            if await change(["break_ms": .number(250)], what: "break") { say("--- break sent\r\n") }
        }
    }

    /// Asks the agent to close the session.
    func close() async throws {
        let _: JSONValue = try await requester.call(
            "session.close", params: ["session": .string(session.rawValue)], on: agent, as: JSONValue.self,
            deadline: .now + timeout)
    }

    private func change(_ params: [String: JSONValue], what: String) async -> Bool {
        var params = params
        params["session"] = .string(session.rawValue)
        do {
            let _: JSONValue = try await requester.call(
                "device.control", params: params, on: agent, as: JSONValue.self, deadline: .now + timeout)
            return true
        } catch {
            say("--- \(what) not changed: \(error)\r\n")
            return false
        }
    }

    private func say(_ text: String) {
        StandardStream.error.write(text)
    }
}
