import AgentCore
import AsyncPrimitives
import Inventory
import Logging
import MQTT

extension CloudLink {
    /// Proves the broker enforces the contract's ACL: a request under a name nobody has, to an
    /// agent nobody is, must be refused (any failure reason code; mosquitto sends 135).
    func checkBrokerACL(_ client: MQTTClient) async {
        let request = RPCRequest(method: "acl.probe", params: ["agent": .string(configuration.agentName)])
        let probe = MQTTOutgoingMessage(
            topic: configuration.topics.aclProbe, payload: (try? AgentJSON.encode(request)) ?? [],
            contentType: "application/json", expirySeconds: 10)
        do {
            let code = try await client.publish(probe)
            if code.isFailure {
                board.setACL(.enforced)
                logger.info("the broker enforces the ACL", metadata: ["probe_reason": "\(code)"])
            } else {
                board.setACL(.unenforced)
                let consequence = configuration.trustUnenforcedACL
                    ? "remote requests are served anyway (trust_unenforced_acl = true)"
                    : "remote requests are refused until the broker enforces deploy/mosquitto/acl"
                logger.error(
                    "the broker accepted a request under another user's name: requester names can be forged; \(consequence)",
                    metadata: ["probe_reason": "\(code)", "probe_topic": "\(configuration.topics.aclProbe)"])
            }
        } catch {
            logger.warning("the ACL self-check was interrupted; it runs again at the next connection", metadata: ["error": "\(error)"])
        }
        aclDecided.wake()
    }

    /// The ACL verdict of the current connection, waiting up to `limit` for the self-check.
    func brokerACLVerdict(within limit: Duration = .seconds(10)) async -> BrokerACL {
        let deadline = ContinuousClock.now + limit
        while board.acl == .unknown, ContinuousClock.now < deadline, !Task.isCancelled {
            await aclDecided.sleep(timeout: .milliseconds(250))
        }
        return board.acl
    }
}
