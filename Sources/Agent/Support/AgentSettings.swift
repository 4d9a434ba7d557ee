import AgentConfig
import Serial
import Synchronization

/// The configuration in force, shared by the services and replaced on reload.
final class AgentSettings: Sendable {
    private let current: Mutex<AgentConfiguration>
    /// The simulated modem lines of static ports with `modem_lines = "loopback"`, by path: kept
    /// from one open to the next, as a device keeps its lines.
    let loopbackLines = Mutex<[String: LoopbackLineControl]>([:])

    init(_ configuration: AgentConfiguration) {
        current = Mutex(configuration)
    }

    /// The configuration in force now.
    var configuration: AgentConfiguration { current.withLock { $0 } }

    /// Puts `configuration` in force.
    func replace(with configuration: AgentConfiguration) {
        current.withLock { $0 = configuration }
    }
}
