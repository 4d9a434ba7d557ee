public import AgentCore
public import Inventory
public import Logging
public import NIOCore
import Serial
public import ServiceLifecycle
public import SessionStream
import Synchronization

/// The agent's sessions: it opens ports for users (one session per port), routes the users'
/// stream messages to them, applies line changes, and runs every session until it ends or the
/// agent stops. Only devices of the inventory can be opened.
public final class SessionManager: Service, Sendable {
    let inventory: Inventory
    let eventLoopGroup: any EventLoopGroup
    let configuration: SessionConfiguration
    let logger: Logger
    let sessions = Mutex<[SessionID: MonitorSession]>([:])
    /// The monitors of users on the agent's host (SessionManager+Local.swift).
    let localSessions = LocalSessions()
    /// The leases on devices (`device.lock`).
    public let leases = DeviceLeases()
    private let opened: AsyncStream<MonitorSession>
    private let openedSink: AsyncStream<MonitorSession>.Continuation

    /// A manager whose sessions run their ports on `eventLoopGroup` (a `MultiThreadedEventLoopGroup`).
    public init(
        inventory: Inventory, eventLoopGroup: any EventLoopGroup, configuration: SessionConfiguration = .init(),
        logger: Logger
    ) {
        self.inventory = inventory
        self.eventLoopGroup = eventLoopGroup
        self.configuration = configuration
        self.logger = logger
        (opened, openedSink) = AsyncStream.makeStream(of: MonitorSession.self)
    }

    /// The live sessions.
    public var summaries: [SessionSummary] {
        (sessions.withLock { Array($0.values) }.map(\.summary) + localSessions.all.map(\.summary))
            .sorted { $0.since < $1.since }
    }

    /// Opens the port `request` names for `user` as session `id`; the session's frames to the
    /// user go out through `publish`.
    ///
    /// - Throws: `unknown_port` when no device of the inventory matches, `port_busy` when a
    ///   session or another program holds it, `device_error` when it cannot be opened or set.
    public func openMonitor(
        _ request: MonitorRequest, id: SessionID, for user: String, publish: @escaping SessionStreamLink.Publish
    ) async throws(RPCFailure) -> MonitorOpened {
        let (port, device) = try await openPort(request, for: user, listedBy: "pioctl remote device list")
        let settings = (try? port.settings) ?? request.settings
        let modem = try? port.modemLines
        let session = MonitorSession(
            id: id, user: user, port: port,
            link: SessionStreamLink(limits: configuration.limits, overflow: .reportOverrun, publish: publish),
            modemWatch: request.watchModem ? modem.map { (configuration.modemPollInterval, $0) } : nil)
        let taken = sessions.withLock { sessions -> Bool in
            // Another request for the same port may have won meanwhile; the lock on the port decides first.
            guard sessions[id] == nil else { return false }
            sessions[id] = session
            return true
        }
        guard taken else {
            port.close()
            throw RPCFailure(.internal, "session id \(id) is already in use; retry")
        }
        openedSink.yield(session)
        logger.info(
            "monitor session opened",
            metadata: ["session": "\(id)", "user": "\(user)", "port": "\(device.port)", "settings": "\(settings)"])
        return MonitorOpened(session: id, port: device.port, settings: settings, modem: modem)
    }

    /// Takes a message `user` sent on the stream of session `id`; ignored for a session that is
    /// not theirs or no longer open.
    public func receive(_ message: [UInt8], session id: SessionID, from user: String) async {
        guard let session = session(id, of: user) else { return }
        await session.receive(message)
    }

    /// Changes the line of `user`'s session mid-session; returns the settings in force and the
    /// modem lines where the port has them.
    ///
    /// - Throws: `unknown_session`, `invalid_params` for bad settings, `device_error` when the
    ///   port refuses.
    public func control(_ request: ControlRequest, from user: String) async throws(RPCFailure) -> LineStatus {
        guard let session = session(request.session, of: user) else {
            throw RPCFailure(.unknownSession, "no open session \(request.session) of \(user)")
        }
        return try await request.apply(to: session.port)
    }

    /// Closes `user`'s session `id`.
    ///
    /// - Throws: `unknown_session`.
    public func close(_ id: SessionID, from user: String) throws(RPCFailure) {
        guard let session = session(id, of: user) else {
            throw RPCFailure(.unknownSession, "no open session \(id) of \(user)")
        }
        session.close(reason: "closed by the user")
    }

    /// The broker link came back: every session resends what its user did not acknowledge.
    public func transportReconnected() async {
        for session in sessions.withLock({ Array($0.values) }) { await session.link.transportReconnected() }
    }

    /// Runs the sessions until graceful shutdown, then closes them (`agent stopping`).
    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask {
                try? await gracefulShutdown()
                for session in self.sessions.withLock({ Array($0.values) }) { session.close(reason: "agent stopping") }
                for session in self.localSessions.all { session.close(reason: "agent stopping") }
                self.openedSink.finish()
            }
            for await session in opened {
                group.addTask {
                    let reason = await session.run(on: self.eventLoopGroup, grace: self.configuration.grace)
                    _ = self.sessions.withLock { $0.removeValue(forKey: session.id) }
                    self.logger.info(
                        "monitor session closed",
                        metadata: ["session": "\(session.id)", "user": "\(session.user)", "reason": "\(reason)"])
                }
            }
        }
    }

    private func session(_ id: SessionID, of user: String) -> MonitorSession? {
        sessions.withLock { $0[id] }.flatMap { $0.user == user ? $0 : nil }
    }
}
