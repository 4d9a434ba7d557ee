public import AgentCore
import Synchronization

/// The link's state for `pioctl status` and `/metrics`, updated by the link as things happen.
public final class CloudStatusBoard: Sendable {
    private struct State {
        var state = "connecting"
        var connectedSince: Timestamp?
        var reconnects: UInt64 = 0
        var everConnected = false
        var lastError: String?
        var acl = BrokerACL.unknown
    }

    private let url: String
    private let username: String
    private let state = Mutex(State())
    private let counters = Counters()

    init(url: String, username: String) {
        self.url = url
        self.username = username
    }

    /// The status section.
    public var status: AgentStatus.Cloud {
        state.withLock { state in
            AgentStatus.Cloud(
                state: state.state, url: url, username: username, connectedSince: state.connectedSince,
                reconnects: state.reconnects, lastError: state.lastError, acl: state.acl.rawValue)
        }
    }

    /// The ACL self-check's finding on the current connection.
    public var acl: BrokerACL { state.withLock { $0.acl } }

    /// Counters of the link's work.
    public var figures: CloudFigures {
        CloudFigures(
            inventoryPublishes: counters.inventoryPublishes.load(ordering: .relaxed),
            requests: counters.requests.load(ordering: .relaxed),
            requestsDenied: counters.denied.load(ordering: .relaxed),
            requestsFailed: counters.failed.load(ordering: .relaxed))
    }

    func connecting() { state.withLock { $0.state = "connecting" } }

    func connected() {
        state.withLock { state in
            state.state = "connected"
            state.connectedSince = .now()
            if state.everConnected { state.reconnects += 1 }
            state.everConnected = true
            state.acl = .unknown
        }
    }

    func backingOff(after error: String) {
        state.withLock { state in
            state.state = "backoff"
            state.connectedSince = nil
            state.lastError = error
        }
    }

    func stopped() { state.withLock { $0.state = "stopped"; $0.connectedSince = nil } }

    func setACL(_ acl: BrokerACL) { state.withLock { $0.acl = acl } }

    func countInventoryPublish() { counters.inventoryPublishes.add(1, ordering: .relaxed) }
    func countRequest() { counters.requests.add(1, ordering: .relaxed) }
    func countDenied() { counters.denied.add(1, ordering: .relaxed) }
    func countFailed() { counters.failed.add(1, ordering: .relaxed) }

    private final class Counters: Sendable {
        let inventoryPublishes = Atomic<UInt64>(0)
        let requests = Atomic<UInt64>(0)
        let denied = Atomic<UInt64>(0)
        let failed = Atomic<UInt64>(0)
    }
}
