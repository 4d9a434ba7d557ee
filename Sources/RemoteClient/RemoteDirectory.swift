public import AgentCore
public import Logging
import MQTT

/// What the broker's retained messages say about the agents a user can see: every presence,
/// and the inventories shared with the user. It never waits on an agent: a frozen or dead
/// agent's retained messages are as quick to read as a live one's.
public struct RemoteDirectory: Sendable {
    /// Presences by agent name.
    public var presences: [String: Presence] = [:]
    /// Inventories shared with the user (or public), by agent name.
    public var inventories: [String: RemoteInventory] = [:]
    /// Whether every retained message arrived before the deadline (the sync marker came back).
    public var complete = false
    /// Messages that were not valid contract JSON, skipped.
    public var malformed = 0

    /// Creates an empty directory.
    public init() {}

    /// Reads the directory from the broker within `timeout`, limited to `agents` when not empty.
    ///
    /// After subscribing, the client publishes a marker to its own `sync` topic; one broker
    /// delivers it after every retained message of the earlier subscriptions, so its arrival
    /// ends the listing. Should it not come (another broker, an ACL without the user's own
    /// subtree), the listing ends at the deadline.
    public static func fetch(
        profile: ClientProfile, agents: [String] = [], timeout: Duration, logger: Logger
    ) async throws -> RemoteDirectory {
        let deadline = ContinuousClock.now + timeout
        let topics = profile.topics
        let marker = topics.syncMarker(user: profile.username, nonce: "\(UInt64.random(in: 0...UInt64.max))")
        var filters = topics.listingFilters(user: profile.username)
        if !agents.isEmpty {
            filters = agents.flatMap { agent in
                [
                    topics.presence(agent: agent), topics.inventory(agent: agent, user: profile.username),
                    topics.publicInventory(agent: agent),
                ]
            }
        }
        return try await RemoteSession.with(
            profile: profile, subscriptions: filters + [marker], deadline: deadline, logger: logger
        ) { client in
            let collector = Task { () async -> RemoteDirectory in
                var directory = RemoteDirectory()
                for await message in client.messages {
                    if message.topic == marker {
                        directory.complete = true
                        break
                    }
                    directory.apply(message, topics: topics, user: profile.username)
                }
                return directory
            }
            do {
                let code = try await client.publish(MQTTOutgoingMessage(topic: marker, payload: []))
                if code.isFailure { logger.debug("sync marker refused", metadata: ["reason": "\(code)"]) }
            } catch {
                logger.debug("sync marker not published", metadata: ["error": "\(error)"])
            }
            let collected = await withDeadline(deadline) { await collector.value }
            if let collected { return collected }
            // The deadline passed: end the stream and keep what arrived.
            await client.disconnect(timeout: .zero)
            return await collector.value
        }
    }

    /// Takes in one retained message.
    mutating func apply(_ message: MQTTMessage, topics: RemoteTopics, user: String) {
        guard let topic = topics.parse(message.topic) else { return }
        switch topic {
        case .presence(let agent):
            guard !message.payload.isEmpty else {
                presences[agent] = nil
                return
            }
            guard let presence = try? AgentJSON.decode(Presence.self, from: message.payload) else {
                malformed += 1
                return
            }
            presences[agent] = presence
        case .inventory(let agent, let recipient) where recipient == user:
            accept(message.payload, for: agent, preferred: true)
        case .publicInventory(let agent):
            accept(message.payload, for: agent, preferred: false)
        default:
            return
        }
    }

    private mutating func accept(_ payload: [UInt8], for agent: String, preferred: Bool) {
        guard !payload.isEmpty else { return }
        guard let inventory = try? AgentJSON.decode(RemoteInventory.self, from: payload) else {
            malformed += 1
            return
        }
        if preferred || inventories[agent] == nil { inventories[agent] = inventory }
    }
}
