public import AgentCore
public import NIOCore
import Serial
import Inventory
import Logging
import Synchronization

extension SessionManager {
    /// Opens the port `request` names as a monitor for `user`, a user on the agent's host (such as
    /// `local:alice`); run it with ``runLocal(_:toUser:ended:fromUser:)``.
    ///
    /// - Throws: `unknown_port` when no device of the inventory matches, `port_busy` when a
    ///   session (local or remote) or another program holds it, `device_error` when it cannot be
    ///   opened or set.
    public func openLocalMonitor(_ request: MonitorRequest, for user: String) async throws(RPCFailure)
        -> LocalMonitorSession
    {
        let (port, device) = try await openPort(request, for: user, listedBy: "pioctl devices")
        let session = LocalMonitorSession(
            id: SessionID.random(), user: user, port: port, settings: (try? port.settings) ?? request.settings)
        guard localSessions.add(session) else {
            port.close()
            throw RPCFailure(.internal, "session id \(session.id) is already in use; retry")
        }
        logger.info(
            "monitor session opened",
            metadata: [
                "session": "\(session.id)", "user": "\(user)", "port": "\(device.port)", "settings": "\(session.settings)",
            ])
        return session
    }

    /// Runs a local monitor until it ends (see ``LocalMonitorSession/run(on:toUser:ended:fromUser:)``);
    /// returns why it ended, which ``localEndReason(_:)`` keeps for a while.
    public func runLocal(
        _ session: LocalMonitorSession, toUser: @escaping @Sendable (ByteBuffer) async throws -> Void,
        ended: @escaping @Sendable () -> Void, fromUser: (_ toBoard: (ByteBuffer) async -> Void) async -> Void
    ) async -> String {
        let reason = await session.run(on: eventLoopGroup, toUser: toUser, ended: ended, fromUser: fromUser)
        localSessions.remove(session.id, reason: reason)
        logger.info(
            "monitor session closed", metadata: ["session": "\(session.id)", "user": "\(session.user)", "reason": "\(reason)"])
        return reason
    }

    /// Changes the line of `user`'s local session mid-session; returns the settings in force and
    /// the modem lines where the port has them.
    ///
    /// - Throws: `unknown_session`, `invalid_params` for bad settings, `device_error` when the
    ///   port refuses.
    public func controlLocal(_ request: ControlRequest, from user: String) async throws(RPCFailure) -> LineStatus {
        guard let session = localSessions.session(request.session), session.user == user else {
            throw RPCFailure(.unknownSession, "no open local session \(request.session) of \(user)")
        }
        return try await request.apply(to: session.port)
    }

    /// The live session `id`, local or remote.
    public func summary(of id: SessionID) -> SessionSummary? {
        localSessions.session(id)?.summary ?? sessions.withLock { $0[id] }?.summary
    }

    /// Why local session `id` ended, while it is among the last ones ended, or ends, when that
    /// is decided and it is still closing (its user may ask as soon as the connection closes).
    public func localEndReason(_ id: SessionID) -> String? {
        localSessions.session(id)?.endReason ?? localSessions.endReason(id)
    }

    /// Opens the inventory's port that `request` names for `user`, with its settings and modem
    /// lines, once no session holds it (one session per port, whoever asks) and no other user has
    /// a lease on it. `listing` is the command that lists the ports, for the message when none
    /// matches.
    func openPort(_ request: MonitorRequest, for user: String, listedBy listing: String) async throws(RPCFailure)
        -> (SerialPort, SerialDevice)
    {
        guard case .serial(let device)? = await inventory.device(named: request.port), device.present else {
            throw RPCFailure(.unknownPort, "no serial port \(request.port) on this agent; \(listing) shows them")
        }
        try leases.check(device.port, for: user)
        let remote = sessions.withLock { $0.values.first { $0.port.path == device.port } }.map { ($0.user, $0.since) }
        if let (user, since) = remote ?? localSessions.holder(of: device.port).map({ ($0.user, $0.since) }) {
            throw RPCFailure(.portBusy, "port busy: \(device.port) is in a monitor session of \(user) since \(since)")
        }
        let port: SerialPort
        do {
            port = try SerialPort.open(
                device.port, settings: request.settings, lineControl: configuration.lineControl(device.port))
        } catch {
            throw error.kind == .busy ? RPCFailure(.portBusy, "\(error)") : RPCFailure(.deviceError, "\(error)")
        }
        do {
            if let dtr = request.dtr { try port.setDTR(dtr) }
            if let rts = request.rts { try port.setRTS(rts) }
        } catch {
            port.close()
            throw RPCFailure(.deviceError, "\(error)")
        }
        return (port, device)
    }
}
