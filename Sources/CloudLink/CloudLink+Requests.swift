import AgentCore
import AsyncPrimitives
import Inventory
import Logging
import MQTT
import Sessions

extension CloudLink {
    /// The methods this agent answers: the monitor's only when it serves sessions.
    var methods: [String] {
        ["agent.info", "device.list"] + (sessions == nil ? [] : ["device.monitor.open", "device.control", "session.close", "device.lock", "device.unlock"])
    }
    /// The longest correlation data accepted.
    static let maximumCorrelationBytes = 256
    /// Requests handled at once; more wait in the bounded inbound buffer.
    static let concurrentRequests = 32

    /// Handles every received message: requests (concurrently, up to a bound), and retained
    /// inventories of earlier runs.
    func serveMessages(_ client: MQTTClient) async {
        let name = configuration.agentName
        await withDiscardingTaskGroup { group in
            var running = 0
            let finished = AsyncStream<Void>.makeStream()
            var finishedIterator = finished.stream.makeAsyncIterator()
            for await message in client.messages {
                switch configuration.topics.parse(message.topic) {
                case .request(let agent, let user) where agent == name:
                    if running == Self.concurrentRequests {
                        _ = await finishedIterator.next()
                        running -= 1
                    }
                    running += 1
                    group.addTask {
                        await self.serve(message, from: user, client)
                        finished.continuation.yield()
                    }
                case .sessionFromUser(let agent, let user, let session) where agent == name:
                    // In order, outside the request group: a stream's frames must not overtake each other.
                    await sessions?.receive(message.payload, session: session, from: user)
                case .inventory(let agent, _) where agent == name, .publicInventory(let agent) where agent == name:
                    await clearIfStale(message, client)
                default:
                    logger.debug("ignored a message outside the contract", metadata: ["topic": "\(message.topic)"])
                }
            }
        }
    }

    /// Answers one request from `user` on the user's reply topic.
    private func serve(_ message: MQTTMessage, from user: String, _ client: MQTTClient) async {
        board.countRequest()
        let replyTopic = configuration.topics.replies(agent: configuration.agentName, user: user)
        guard let correlation = message.correlationData, (1...Self.maximumCorrelationBytes).contains(correlation.count)
        else {
            board.countFailed()
            let failure = RPCFailure(
                .missingCorrelationData,
                "requests need MQTT 5 correlation data of 1 to \(Self.maximumCorrelationBytes) bytes to match the reply")
            await send(RPCReply<JSONValue>.failure(failure), to: replyTopic, correlation: nil, client)
            return
        }
        let outcome = await answer(message.payload, from: user, client)
        if case .failure(let failure) = outcome {
            if failure.code == .forbidden { board.countDenied() } else { board.countFailed() }
        }
        await send(outcome, to: replyTopic, correlation: correlation, client)
    }

    /// The reply to a request's payload.
    private func answer(_ payload: [UInt8], from user: String, _ client: MQTTClient) async -> RPCReply<JSONValue> {
        switch await brokerACLVerdict() {
        case .unenforced where !configuration.trustUnenforcedACL:
            return .failure(RPCFailure(
                .brokerACLUnenforced,
                "the broker does not enforce the ACL of the MQTT contract, so requester names could be forged; the agent's operator must fix the broker"))
        case .unknown:
            // Never serve on an unproven ACL.
            return .failure(RPCFailure(
                .unavailable, "the agent has not yet verified the broker's ACL (its self-check got no answer); retry later"))
        case .enforced, .unenforced:
            break
        }
        guard access.permits(user) else {
            logger.warning("remote request denied: the user is neither the owner nor shared with", metadata: ["user": "\(user)"])
            return .failure(RPCFailure(
                .forbidden, "\(user) may not use agent \(configuration.agentName); ask its owner to share it"))
        }
        let request: RPCRequest
        do {
            request = try RPCRequest(payload: payload)
        } catch {
            return .failure(error)
        }
        logger.debug("remote request", metadata: ["user": "\(user)", "method": "\(request.method)"])
        do {
            switch (request.method, sessions) {
            case ("agent.info", _): return .success(try await JSONValue(encoding: agentInfo()))
            case ("device.list", _): return .success(try await JSONValue(encoding: deviceList()))
            case ("device.monitor.open", let sessions?):
                return .success(try JSONValue(encoding: try await openMonitor(request.params, for: user, in: sessions, client)))
            case ("device.control", let sessions?):
                let request = try ControlRequest(params: request.params)
                return .success(try JSONValue(encoding: try await sessions.control(request, from: user)))
            case ("device.lock", let sessions?):
                let port = try Self.portParameter(request.params, method: "device.lock")
                let seconds: Double = if case .number(let value)? = request.params["ttl_s"] { value } else { 3600 }
                guard seconds.isFinite, seconds >= 1 else { throw RPCFailure(.invalidParams, "\"ttl_s\" must be a number of seconds, at least 1") }
                return .success(try JSONValue(encoding: try await sessions.lock(port, for: user, duration: .seconds(seconds))))
            case ("device.unlock", let sessions?):
                let port = try Self.portParameter(request.params, method: "device.unlock")
                try await sessions.unlock(port, by: user, breaking: user == access.owner)
                return .success(.object([:]))
            case ("session.close", let sessions?):
                guard case .string(let text)? = request.params["session"], let session = SessionID(text) else {
                    throw RPCFailure(.invalidParams, "session.close needs \"session\": the id device.monitor.open returned")
                }
                try sessions.close(session, from: user)
                return .success(.object([:]))
            default:
                return .failure(RPCFailure(
                    .unknownMethod, "no method \(request.method); this agent answers \(methods.joined(separator: ", "))"))
            }
        } catch let failure as RPCFailure {
            return .failure(failure)
        } catch {
            logger.error("remote request failed", metadata: ["method": "\(request.method)", "error": "\(error)"])
            return .failure(RPCFailure(.internal, "the agent failed to answer \(request.method)"))
        }
    }

    /// The `port` parameter of a lease method.
    private static func portParameter(_ params: [String: JSONValue], method: String) throws(RPCFailure) -> String {
        guard case .string(let port)? = params["port"], !port.isEmpty else {
            throw RPCFailure(.invalidParams, "\(method) needs \"port\": a device id, path or /dev/serial/by-id link")
        }
        return port
    }

    /// Opens a monitor for `user`, its stream to them published on their session topic.
    private func openMonitor(
        _ params: [String: JSONValue], for user: String, in sessions: SessionManager, _ client: MQTTClient
    ) async throws(RPCFailure) -> MonitorOpened {
        let request = try MonitorRequest(params: params)
        let session = SessionID.random()
        let topic = configuration.topics.sessionFromAgent(agent: configuration.agentName, user: user, session: session)
        return try await sessions.openMonitor(request, id: session, for: user) { bytes in
            let code = try await client.publish(MQTTOutgoingMessage(topic: topic, payload: bytes))
            guard !code.isFailure else { throw RPCFailure(.internal, "the broker refused a session frame (\(code))") }
        }
    }

    private func agentInfo() async -> AgentInfo {
        AgentInfo(
            agent: configuration.agentName, version: AgentVersion.current, hostname: configuration.hostname,
            startedAt: configuration.startedAt, owner: access.owner, devices: await inventory.allDevices.count,
            acl: board.acl.rawValue, methods: methods)
    }

    private func deviceList() async -> DeviceList {
        DeviceList(agent: configuration.agentName, sequence: await inventory.sequence, devices: await inventory.allDevices)
    }

    private func send(_ reply: RPCReply<JSONValue>, to topic: String, correlation: [UInt8]?, _ client: MQTTClient) async {
        do {
            _ = try await client.publish(
                MQTTOutgoingMessage(
                    topic: topic, payload: try AgentJSON.encode(reply), correlationData: correlation,
                    contentType: "application/json"))
        } catch {
            logger.warning("reply not sent", metadata: ["topic": "\(topic)", "error": "\(error)"])
        }
    }
}
