import MDNS
import Synchronization

/// The running mDNS querier, for `/metrics`; nil while mDNS is off or not started.
final class MDNSActivity: Sendable {
    private let current = Mutex<MDNSQuerier?>(nil)

    /// The querier's counters, or nil.
    var statistics: MDNSQuerierStatistics? { current.withLock { $0?.statistics } }

    func attach(_ querier: MDNSQuerier?) { current.withLock { $0 = querier } }
}
