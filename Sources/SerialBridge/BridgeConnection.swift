import AgentCore
import NIOCore
import RFC2217
import RemoteClient
import SessionStream
import Synchronization

/// One TCP client of the bridge carried onto one remote monitor session, until either ends.
///
/// In RFC 2217 mode the client's bytes go through an ``RFC2217Server``: data to the board,
/// commands to `device.control` in the order they came (each answered with the value the agent
/// reports in force), and the agent's `modem` events to NOTIFY-MODEMSTATE. In raw mode the bytes
/// pass as they are.
struct BridgeConnection: Sendable {
    /// Why a connection ended.
    enum End: Sendable, Hashable {
        /// The client closed its connection (or it failed); the session is still open.
        case clientLeft
        /// The agent ended the session, for this reason.
        case sessionEnded(String)
    }

    let session: BridgeSession
    let mode: BridgeMode
    let signature: String
    /// Reports what happened, one line each (pioctl writes them on standard error).
    let report: @Sendable (String) -> Void

    /// Carries the bytes and commands until the client leaves or the session ends.
    func run(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async -> End {
        let initial = ComPortMapping.state(session.openingStatus, over: SerialState())
        let protocolState = ProtocolState(server: RFC2217Server(initial: initial, signature: signature))
        if mode == .rfc2217 {
            try? await outbound.write(ByteBuffer(bytes: protocolState.server.withLock { $0.greeting() }))
        }
        return await withTaskGroup(of: End?.self) { tasks in
            tasks.addTask {
                await session.monitor.link.run()
                return nil
            }
            tasks.addTask { await carryFromClient(inbound, outbound: outbound, state: protocolState) }
            tasks.addTask { await carryToClient(outbound, state: protocolState) }
            var end = End.clientLeft
            while let finished = await tasks.next() {
                guard let finished else { continue }
                end = finished
                break
            }
            tasks.cancelAll()
            return end
        }
    }

    /// The client's bytes: data to the board, commands applied and answered, in order.
    private func carryFromClient(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        state: ProtocolState
    ) async -> End? {
        let link = session.monitor.link
        do {
            for try await buffer in inbound {
                let bytes = Array(buffer.readableBytesView)
                guard mode == .rfc2217 else {
                    await link.send(bytes)
                    continue
                }
                for event in state.server.withLock({ $0.receive(bytes) }) {
                    switch event {
                    case .data(let data):
                        await link.send(data)
                    case .reply(let reply):
                        try await outbound.write(ByteBuffer(bytes: reply))
                    case .command(let command):
                        let applied = await apply(command, state: state)
                        let answer = state.server.withLock { $0.acknowledge(command, applied: applied) }
                        if !answer.isEmpty { try await outbound.write(ByteBuffer(bytes: answer)) }
                    }
                }
            }
        } catch {
            // A reset or a failed write: the client is gone either way.
        }
        return Task.isCancelled ? nil : .clientLeft
    }

    /// The board's bytes and the session's events, to the client, until the session ends.
    private func carryToClient(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, state: ProtocolState) async -> End? {
        for await delivery in session.monitor.link.deliveries {
            switch delivery {
            case .bytes(let bytes):
                await state.waitWhileSuspended()
                let wire = mode == .rfc2217 ? state.server.withLock { $0.encodeData(bytes) } : bytes
                do {
                    try await outbound.write(ByteBuffer(bytes: wire))
                } catch {
                    return Task.isCancelled ? nil : .clientLeft
                }
            case .event(let json):
                let event = (try? AgentJSON.decode([String: JSONValue].self, from: json)) ?? [:]
                switch event["event"] {
                case .string("closed")?:
                    if case .string(let reason)? = event["reason"] { return .sessionEnded(reason) }
                    return .sessionEnded("closed")
                case .string("overrun")?:
                    let count: Int = if case .number(let bytes)? = event["bytes"] { Int(bytes) } else { 0 }
                    report("overrun: \(count) bytes from the board were dropped (the client reads too slowly)")
                case .string("modem")?:
                    guard mode == .rfc2217 else { continue }
                    let lines = event.compactMapValues { if case .bool(let on) = $0 { on } else { nil } }
                    let notice = state.server.withLock { server -> [UInt8]? in
                        let changed = ComPortMapping.state(modem: lines, over: server.state)
                        return server.modemStateChanged(changed.modemLines)
                    }
                    if let notice { try? await outbound.write(ByteBuffer(bytes: notice)) }
                default:
                    continue
                }
            }
        }
        return Task.isCancelled ? nil : .sessionEnded("the session's stream ended")
    }

    /// Applies `command` through the agent; returns the port state to answer with.
    private func apply(_ command: RFC2217Command, state: ProtocolState) async -> SerialState {
        let current = state.server.withLock { $0.state }
        switch command {
        case .flowControlSuspend: state.setSuspended(true)
        case .flowControlResume: state.setSuspended(false)
        default: break
        }
        switch ComPortMapping.step(for: command) {
        case .answer:
            return current
        case .unsupported(let what):
            report("the client asked for \(what), which the agent cannot do; left as it is")
            return current
        case .control(let params):
            return await control(params, over: current, for: command)
        case .breakSignal(true):
            state.startBreak()
            var held = current
            held.breakSignal = true
            return held
        case .breakSignal(false):
            let milliseconds = min(10_000, max(1, state.endBreak().map { Int($0 / .milliseconds(1)) } ?? 1))
            var released = await control(["break_ms": .number(Double(milliseconds))], over: current, for: command)
            released.breakSignal = false
            return released
        }
    }

    /// Calls `device.control` with `params`; the state it reports, or `current` when it refused.
    private func control(
        _ params: [String: JSONValue], over current: SerialState, for command: RFC2217Command
    ) async -> SerialState {
        do {
            return ComPortMapping.state(try await session.control(params), over: current)
        } catch {
            report("\(command) not applied: \(error)")
            return current
        }
    }
}
