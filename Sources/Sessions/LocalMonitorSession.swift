public import AgentCore
import AsyncPrimitives
public import NIOCore
public import Serial
import Synchronization

/// A serial monitor for a user on the agent's host: a port whose bytes go both ways over one
/// connection of the control socket (`POST /v1/sessions/monitor`), with no framing.
///
/// It shares the one-session-per-port rule with the monitors of remote users. It ends when the
/// port goes (unplugged: `device removed`), when the user's input ends or their connection drops
/// (`closed by the user`), or when the agent stops (`agent stopping`). Both directions wait for
/// the slower side: nothing is buffered without bound and nothing is dropped.
public final class LocalMonitorSession: Sendable {
    /// The session's identifier.
    public let id: SessionID
    /// Who opened it, such as `local:alice`.
    public let user: String
    /// The port's device path.
    public var portPath: String { port.path }
    /// The line settings in force when it opened.
    public let settings: SerialSettings
    let port: SerialPort
    let since: Timestamp
    private let state = Mutex(State())
    private let closeRequested = WakeSignal()

    private struct State {
        var bytesToUser = 0
        var bytesFromUser = 0
        var closeReason: String?
    }

    init(id: SessionID, user: String, port: SerialPort, settings: SerialSettings) {
        self.id = id
        self.user = user
        self.port = port
        self.settings = settings
        since = .now()
    }

    /// What `GET /v1/sessions` shows.
    var summary: SessionSummary {
        state.withLock { state in
            SessionSummary(
                id: id, kind: "monitor", user: user, port: port.path, since: since, bytesToUser: state.bytesToUser,
                bytesFromUser: state.bytesFromUser)
        }
    }

    /// Why the session ends, once that is decided (it may still be closing the port).
    var endReason: String? {
        state.withLock { $0.closeReason }
    }

    /// Ends the session with `reason` (the first reason given wins).
    public func close(reason: String) {
        state.withLock { state in
            if state.closeReason == nil { state.closeReason = reason }
        }
        closeRequested.wake()
    }

    /// Carries the bytes until the session ends and returns why; the port is closed when it returns.
    ///
    /// - Parameters:
    ///   - eventLoopGroup: The loops the port's stream runs on.
    ///   - toUser: Writes the board's bytes to the user, returning once they are taken (so a slow
    ///     user slows the reading of the port); throws when the user is gone.
    ///   - ended: Called once the session is over on the agent's side (the port went, or a close
    ///     was asked), so that `fromUser` returns: the caller closes the user's connection.
    ///   - fromUser: Reads the user's bytes and hands each chunk to its argument, which returns once
    ///     the port has taken it; returns at the end of the user's input. It runs in the calling task.
    public func run(
        on eventLoopGroup: any EventLoopGroup, toUser: @escaping @Sendable (ByteBuffer) async throws -> Void,
        ended: @escaping @Sendable () -> Void,
        fromUser: (_ toBoard: (ByteBuffer) async -> Void) async -> Void
    ) async -> String {
        do {
            try await port.withStream(on: eventLoopGroup) { inbound, outbound in
                await withTaskGroup(of: Void.self) { tasks in
                    tasks.addTask {
                        self.close(reason: await self.carryToUser(inbound, toUser))
                        ended()
                    }
                    tasks.addTask {
                        await self.closeRequested.sleep(timeout: nil)
                        ended()
                    }
                    await fromUser { bytes in
                        do {
                            try await outbound.write(bytes)
                            self.state.withLock { $0.bytesFromUser += bytes.readableBytes }
                        } catch {
                            // The port has gone: the reading side reports why.
                        }
                    }
                    self.close(reason: "closed by the user")
                    tasks.cancelAll()
                }
            }
        } catch {
            close(reason: "port failed: \(error)")
        }
        port.close()
        return state.withLock { $0.closeReason } ?? "closed"
    }

    /// The board's bytes, to the user, until the port ends or the user goes.
    private func carryToUser(
        _ inbound: SerialInbound, _ toUser: @Sendable (ByteBuffer) async throws -> Void
    ) async -> String {
        do {
            for try await buffer in inbound {
                do {
                    try await toUser(buffer)
                } catch {
                    return "closed by the user"
                }
                state.withLock { $0.bytesToUser += buffer.readableBytes }
            }
            return Task.isCancelled ? "closed by the user" : "port closed"
        } catch {
            return error.kind == .deviceRemoved ? "device removed" : "port failed: \(error)"
        }
    }
}
