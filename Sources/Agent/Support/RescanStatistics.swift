import AgentCore
import Synchronization
import Udev

/// How often and when the inventory was rescanned, for status and metrics.
final class RescanStatistics: Sendable {
    private struct State {
        var count: UInt64 = 0
        var byReason: [RescanReason: UInt64] = [:]
        var lastAt: Timestamp?
    }

    private let state = Mutex(State())

    func record(_ reason: RescanReason, at time: Timestamp = .now()) {
        state.withLock { state in
            state.count += 1
            state.byReason[reason, default: 0] += 1
            state.lastAt = time
        }
    }

    var count: UInt64 { state.withLock { $0.count } }
    var lastAt: Timestamp? { state.withLock { $0.lastAt } }
    var byReason: [RescanReason: UInt64] { state.withLock { $0.byReason } }
}
