import AgentCore
import AsyncPrimitives
public import Inventory
public import Logging
import MQTT
public import ServiceLifecycle
public import Sessions
import Synchronization

/// The agent's link to the broker (docs/protocol.md): presence, one retained inventory per
/// permitted user, and requests answered under the owner/share policy, once the broker has
/// proven at connection time that it enforces the contract's ACL.
///
/// It runs as a service: the link comes up, fails and comes back on its own (with backoff),
/// while the rest of the daemon goes on. At graceful shutdown it publishes an offline presence
/// and disconnects cleanly.
public final class CloudLink: Service, Sendable {
    /// The link's state, for `pioctl status` and `/metrics`.
    public let board: CloudStatusBoard

    let configuration: CloudLinkConfiguration
    let inventory: Inventory
    /// The serial sessions users open, when the agent serves them.
    let sessions: SessionManager?
    let logger: Logger
    let accessPolicy: Mutex<CloudAccess>
    /// Woken when the inventory, the access policy or the connection changes.
    let inventoryChanged = WakeSignal()
    /// Woken when the ACL self-check of a connection has a verdict.
    let aclDecided = WakeSignal()
    /// Woken when the presence must be published again (the owner changed).
    let presenceChanged = WakeSignal()

    /// Creates the link; nothing connects before ``run()``.
    public init(
        configuration: CloudLinkConfiguration, access: CloudAccess, inventory: Inventory, sessions: SessionManager? = nil,
        logger: Logger
    ) {
        self.configuration = configuration
        self.inventory = inventory
        self.sessions = sessions
        self.logger = logger
        accessPolicy = Mutex(access)
        board = CloudStatusBoard(url: configuration.url.description, username: configuration.username)
    }

    /// The owner and share list in force.
    public var access: CloudAccess { accessPolicy.withLock { $0 } }

    /// Puts a new owner and share list in force (SIGHUP): inventories are republished, and
    /// users no longer permitted have their retained copy cleared.
    public func updateAccess(_ access: CloudAccess) {
        let previous = accessPolicy.withLock { current -> CloudAccess in
            defer { current = access }
            return current
        }
        guard previous != access else { return }
        if previous.owner != access.owner { presenceChanged.wake() }
        logger.info(
            "remote access changed", metadata: ["owner": "\(access.owner ?? "(none)")", "share": "\(access.share)"])
        inventoryChanged.wake()
    }

    /// Runs the link until graceful shutdown.
    public func run() async throws {
        if access.isClosed {
            logger.warning("no [agent] owner and no share: nobody can use this agent remotely")
        }
        let topics = configuration.topics
        let name = configuration.agentName
        let client = MQTTClientConfiguration(
            host: configuration.url.host, port: configuration.url.port, tls: configuration.tls, clientID: name,
            username: configuration.username, password: configuration.password,
            keepaliveSeconds: configuration.keepaliveSeconds, will: presence(online: false, since: nil),
            // The agent's own retained inventories are read only to clear stale ones (an earlier
            // run's share list); No Local spares it the echo of every inventory it publishes.
            subscriptions: [
                MQTTSubscription(topics.requestFilter(agent: name)),
                MQTTSubscription(topics.sessionFilter(agent: name)),
                MQTTSubscription(topics.inventory(agent: name, user: "+"), noLocal: true),
                MQTTSubscription(topics.publicInventory(agent: name), noLocal: true),
            ],
            backoff: configuration.backoff,
            // Requests up to twice the RPC limit still reach the agent and get a payload_too_large
            // reply; the broker drops larger ones. At most 8 MiB of requests wait in memory.
            inboundByteLimit: 8 << 20, maximumPacketSize: UInt32(2 * RPCRequest.maximumPayloadBytes))
        logger.info("connecting to the broker", metadata: ["broker": "\(configuration.url)", "user": "\(configuration.username)"])
        try await withMQTTClient(configuration: client, logger: logger) { client in
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.followLink(client) }
                group.addTask { await self.serveMessages(client) }
                group.addTask { await self.publishInventories(client) }
                group.addTask { await self.watchInventory() }
                group.addTask { await self.republishPresence(client) }
                try? await gracefulShutdown()
                await client.disconnect(farewell: self.presence(online: false, since: .now()))
                self.board.stopped()
                group.cancelAll()
            }
        }
    }

    /// Follows the connection: on every connection the ACL self-check, presence and inventories.
    private func followLink(_ client: MQTTClient) async {
        for await event in client.events {
            switch event {
            case .connecting:
                board.connecting()
            case .connected:
                board.connected()
                // Session streams resend what their users did not acknowledge before the link broke.
                await sessions?.transportReconnected()
                await checkBrokerACL(client)
                await publishPresence(client, since: .now())
                inventoryChanged.wake()
            case .backoff(let delay, let reason):
                board.backingOff(after: reason.message)
                board.setACL(.unknown)
                // After the status board, so that whoever reads this line finds the status updated.
                logger.warning(
                    "cloud link down; reconnecting",
                    metadata: ["broker": "\(configuration.url)", "error": "\(reason)", "retry_in": "\(delay)"])
            }
        }
    }

    /// Publishes the presence again when its content changes while connected (the last will
    /// keeps the old owner until the next connection).
    private func republishPresence(_ client: MQTTClient) async {
        while !Task.isCancelled {
            await presenceChanged.sleep(timeout: nil)
            guard !Task.isCancelled, client.statistics.connected else { continue }
            await publishPresence(client, since: board.status.connectedSince ?? .now())
        }
    }

    /// Publishes the online presence and says in the log when the broker refuses it (the ACL
    /// lets an agent write only below its own name, so a user name other than the agent's fails).
    private func publishPresence(_ client: MQTTClient, since: Timestamp) async {
        do {
            let code = try await client.publish(presence(online: true, since: since))
            if code.isFailure {
                logger.error(
                    "the broker refused the presence: the broker user name must be the agent's name",
                    metadata: ["reason": "\(code)", "user": "\(configuration.username)", "agent": "\(configuration.agentName)"])
            }
        } catch {
            logger.warning("presence not published", metadata: ["error": "\(error)"])
        }
    }

    /// Wakes the inventory publisher on every inventory change.
    private func watchInventory() async {
        while !Task.isCancelled {
            let subscription = await inventory.subscribe(bufferLimit: 256)
            for await _ in subscription { inventoryChanged.wake() }
            // A reader that fell behind is cut off; the next snapshot covers what it missed.
            guard subscription.overflowed else { return }
        }
    }

    /// The presence message: online now, or the offline will (no `since`) and farewell.
    func presence(online: Bool, since: Timestamp?) -> MQTTOutgoingMessage {
        let presence = Presence(
            agent: configuration.agentName, online: online, version: AgentVersion.current,
            hostname: configuration.hostname, owner: access.owner, startedAt: configuration.startedAt, since: since)
        return MQTTOutgoingMessage(
            topic: configuration.topics.presence(agent: configuration.agentName),
            payload: (try? AgentJSON.encode(presence)) ?? [], retain: true, contentType: "application/json")
    }
}
