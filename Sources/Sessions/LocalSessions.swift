import AgentCore
import Serial
import Synchronization

/// The live local monitors, and why the last ones ended (so a client that saw its connection
/// close can ask what happened).
final class LocalSessions: Sendable {
    /// How many ended sessions keep their reason.
    static let endedKept = 64

    private struct State {
        var live: [SessionID: LocalMonitorSession] = [:]
        var ended: [(id: SessionID, reason: String)] = []
    }

    private let state = Mutex(State())

    /// The live sessions.
    var all: [LocalMonitorSession] { state.withLock { Array($0.live.values) } }

    /// The live session on the port at `path`.
    func holder(of path: String) -> LocalMonitorSession? {
        state.withLock { $0.live.values.first { $0.port.path == path } }
    }

    /// The live session `id`.
    func session(_ id: SessionID) -> LocalMonitorSession? {
        state.withLock { $0.live[id] }
    }

    /// Adds `session`; false when its id is taken.
    func add(_ session: LocalMonitorSession) -> Bool {
        state.withLock { state in
            guard state.live[session.id] == nil else { return false }
            state.live[session.id] = session
            return true
        }
    }

    /// Removes session `id`, keeping why it ended.
    func remove(_ id: SessionID, reason: String) {
        state.withLock { state in
            state.live[id] = nil
            state.ended.append((id, reason))
            if state.ended.count > Self.endedKept { state.ended.removeFirst(state.ended.count - Self.endedKept) }
        }
    }

    /// Why session `id` ended, while it is among the last ones kept.
    func endReason(_ id: SessionID) -> String? {
        state.withLock { $0.ended.last { $0.id == id }?.reason }
    }
}
