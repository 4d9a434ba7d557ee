/// When to ask again for a service type while browsing (RFC 6762 §5.2): the first query after
/// a random 20–120 ms, the second a second later, then at least doubling intervals up to a
/// ceiling. Refreshes of known records are scheduled by ``MDNSCache`` instead.
public struct BrowseSchedule: Sendable, Hashable {
    /// When the next query is due.
    public private(set) var next: Duration
    /// The interval after the next query.
    public private(set) var interval: Duration
    /// The longest interval.
    public let ceiling: Duration

    /// A schedule that starts at `now` after `initialDelay` (20–120 ms).
    public init(startingAt now: Duration, initialDelay: Duration, ceiling: Duration = .seconds(3600)) {
        next = now + initialDelay
        interval = .seconds(1)
        self.ceiling = ceiling
    }

    /// Whether a query is due at `now`.
    public func isDue(at now: Duration) -> Bool { next <= now }

    /// Records that a query went out at `now` and schedules the one after.
    public mutating func queried(at now: Duration) {
        next = now + interval
        interval = min(interval * 2, ceiling)
    }
}
