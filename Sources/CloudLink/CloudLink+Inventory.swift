import AgentCore
import AsyncPrimitives
import Inventory
import Logging
import MQTT

extension CloudLink {
    /// The retained inventory topics of `access`: one per named user, plus the public one when shared with `*`.
    func inventoryTopics(for access: CloudAccess) -> Set<String> {
        let topics = configuration.topics
        let name = configuration.agentName
        var audience = Set(access.namedUsers.map { topics.inventory(agent: name, user: $0) })
        if access.isPublic { audience.insert(topics.publicInventory(agent: name)) }
        return audience
    }

    /// Publishes the inventory to every permitted user whenever something changes; bursts that
    /// arrive during a round are coalesced into the next one. Users dropped from the policy get
    /// their retained copy cleared.
    func publishInventories(_ client: MQTTClient) async {
        var holders: Set<String> = []
        while !Task.isCancelled {
            await inventoryChanged.sleep(timeout: nil)
            guard !Task.isCancelled else { return }
            // Not connected: the next connection wakes this loop again.
            guard client.statistics.connected else { continue }
            let audience = inventoryTopics(for: access)
            let message = RemoteInventory(
                agent: configuration.agentName, updatedAt: .now(), sequence: await inventory.sequence,
                devices: await inventory.allDevices)
            guard let payload = try? AgentJSON.encode(message) else { continue }
            let stale = holders.subtracting(audience)
            let delivered = await withTaskGroup(of: Bool.self) { group in
                for topic in audience {
                    group.addTask { await self.retain(payload, on: topic, client) }
                }
                for topic in stale {
                    group.addTask { await self.retain([], on: topic, client) }
                }
                return await group.reduce(true) { $0 && $1 }
            }
            if delivered {
                logger.debug(
                    "published the inventory",
                    metadata: ["sequence": "\(message.sequence)", "devices": "\(message.devices.count)", "topics": "\(audience.count)"])
            }
            for topic in stale { logger.info("cleared the inventory of a user no longer shared with", metadata: ["topic": "\(topic)"]) }
            if delivered { holders = audience } else { holders.formUnion(audience) }
        }
    }

    /// Publishes a retained message (empty: clears it) and says whether the broker took it.
    private func retain(_ payload: [UInt8], on topic: String, _ client: MQTTClient) async -> Bool {
        do {
            let code = try await client.publish(
                MQTTOutgoingMessage(
                    topic: topic, payload: payload, retain: true,
                    contentType: payload.isEmpty ? nil : "application/json"))
            guard !code.isFailure else {
                logger.error("the broker refused an inventory message", metadata: ["topic": "\(topic)", "reason": "\(code)"])
                return false
            }
            board.countInventoryPublish()
            return true
        } catch {
            logger.debug("inventory not published", metadata: ["topic": "\(topic)", "error": "\(error)"])
            return false
        }
    }

    /// Clears a retained inventory copy found at subscription time that the policy no longer
    /// allows (left by an earlier run with another share list).
    func clearIfStale(_ message: MQTTMessage, _ client: MQTTClient) async {
        guard message.retain, !message.payload.isEmpty, !inventoryTopics(for: access).contains(message.topic) else {
            return
        }
        if await retain([], on: message.topic, client) {
            logger.info("cleared a retained inventory left for a user no longer shared with", metadata: ["topic": "\(message.topic)"])
        }
    }
}
