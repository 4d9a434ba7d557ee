import AgentCore
import AsyncPrimitives
import NIOCore
import Serial
import SessionStream
import Synchronization

/// A serial monitor: a port opened for one user, its bytes carried both ways by a session stream.
///
/// It ends when the port goes (unplugged: `device removed`), when the user closes it, when the
/// user has been silent for the grace period (`client gone`), or when the agent stops. The user
/// then gets a `closed` event with the reason.
final class MonitorSession: Sendable {
    let id: SessionID
    let user: String
    let port: SerialPort
    let link: SessionStreamLink
    let since: Timestamp
    /// How often the modem lines are read for `modem` events, and the lines at open (what the
    /// user was told), or nil when the user did not ask.
    let modemWatch: (interval: Duration, opened: SerialModemLines)?
    private let state: Mutex<State>
    private let closeRequested = WakeSignal()

    private struct State {
        var bytesToUser = 0
        var bytesFromUser = 0
        var lastHeard = ContinuousClock.now
        var closeReason: String?
    }

    init(
        id: SessionID, user: String, port: SerialPort, link: SessionStreamLink,
        modemWatch: (interval: Duration, opened: SerialModemLines)? = nil
    ) {
        self.id = id
        self.user = user
        self.port = port
        self.link = link
        self.modemWatch = modemWatch
        since = .now()
        state = Mutex(State())
    }

    /// What `GET /v1/sessions` shows.
    var summary: SessionSummary {
        state.withLock { state in
            SessionSummary(
                id: id, kind: "monitor", user: user, port: port.path, since: since, bytesToUser: state.bytesToUser,
                bytesFromUser: state.bytesFromUser)
        }
    }

    /// Takes a message the user sent on the session's stream.
    func receive(_ message: [UInt8]) async {
        state.withLock { $0.lastHeard = .now }
        await link.receive(message)
    }

    /// Ends the session with `reason` (the first reason given wins).
    func close(reason: String) {
        state.withLock { state in
            if state.closeReason == nil { state.closeReason = reason }
        }
        closeRequested.wake()
    }

    /// Carries the bytes until the session ends; returns why it ended. The port is closed when
    /// this returns.
    func run(on eventLoopGroup: any EventLoopGroup, grace: Duration) async -> String {
        let reason: String
        do {
            reason = try await port.withStream(on: eventLoopGroup) { inbound, outbound in
                await withTaskGroup(of: String?.self) { tasks in
                    tasks.addTask { await self.carryToUser(inbound) }
                    tasks.addTask { await self.carryToBoard(outbound) }
                    tasks.addTask {
                        await self.link.run()
                        return nil
                    }
                    tasks.addTask { await self.watch(grace: grace) }
                    if let (interval, opened) = self.modemWatch {
                        tasks.addTask { await self.reportModemChanges(every: interval, since: opened) }
                    }
                    var reason = "closed"
                    while let ended = await tasks.next() {
                        guard let ended else { continue }
                        reason = ended
                        break
                    }
                    tasks.cancelAll()
                    return reason
                }
            }
        } catch {
            reason = "port failed: \(error)"
        }
        port.close()
        // The stream's loop has stopped: publish the farewell directly.
        await link.sendEvent(Self.closedEvent(reason))
        await link.flush()
        await link.close()
        return reason
    }

    /// The board's bytes, to the user, until the port ends.
    private func carryToUser(_ inbound: SerialInbound) async -> String? {
        do {
            for try await buffer in inbound {
                let bytes = Array(buffer.readableBytesView)
                state.withLock { $0.bytesToUser += bytes.count }
                await link.send(bytes)
            }
            return Task.isCancelled ? nil : "port closed"
        } catch {
            return error.kind == .deviceRemoved ? "device removed" : "port failed: \(error)"
        }
    }

    /// The user's bytes, to the board, until the stream ends.
    private func carryToBoard(_ outbound: SerialOutbound) async -> String? {
        for await delivery in link.deliveries {
            guard case .bytes(let bytes) = delivery else { continue }
            do {
                try await outbound.write(ByteBuffer(bytes: bytes))
                state.withLock { $0.bytesFromUser += bytes.count }
            } catch let error as SerialError where error.kind == .deviceRemoved {
                return "device removed"
            } catch {
                return "port failed: \(error)"
            }
        }
        return nil
    }

    /// Waits for a close request, or for the user to be silent longer than `grace`.
    private func watch(grace: Duration) async -> String? {
        while !Task.isCancelled {
            await closeRequested.sleep(timeout: min(grace / 4, .seconds(1)))
            let (reason, lastHeard) = state.withLock { ($0.closeReason, $0.lastHeard) }
            if let reason { return reason }
            if ContinuousClock.now - lastHeard > grace { return "client gone" }
        }
        return nil
    }

    /// Reads the modem lines every `interval` and sends `{"event":"modem",…}` with all six when
    /// they differ from the last ones reported (`opened` first), until the session ends or the
    /// lines cannot be read any more.
    private func reportModemChanges(every interval: Duration, since opened: SerialModemLines) async -> String? {
        var last = opened
        while (try? await Task.sleep(for: interval)) != nil {
            guard let lines = try? port.modemLines else { return nil }
            guard lines != last else { continue }
            last = lines
            await link.sendEvent(Self.modemEvent(lines))
        }
        return nil
    }

    /// `{"event":"modem","dtr":…,"rts":…,"cts":…,"dsr":…,"ri":…,"cd":…}`.
    static func modemEvent(_ lines: SerialModemLines) -> [UInt8] {
        guard case .object(var event)? = try? JSONValue(encoding: lines) else { return [] }
        event["event"] = .string("modem")
        return (try? AgentJSON.encode(event)) ?? []
    }

    /// `{"event":"closed","reason":…}`.
    static func closedEvent(_ reason: String) -> [UInt8] {
        (try? AgentJSON.encode(["event": "closed", "reason": reason])) ?? Array("{\"event\":\"closed\"}".utf8)
    }
}
