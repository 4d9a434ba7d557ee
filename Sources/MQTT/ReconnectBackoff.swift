/// Delays between connection attempts: doubling from `initial` up to `maximum`, each stretched
/// by a random factor so that many agents cut off together do not come back in step.
public struct ReconnectBackoff: Sendable, Hashable {
    /// The delay after the first failure.
    public var initial: Duration
    /// The longest delay.
    public var maximum: Duration
    /// The largest random stretch, as a fraction of the delay (0.25: up to 25 % longer).
    public var jitter: Double

    /// Creates a backoff policy.
    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(60), jitter: Double = 0.25) {
        self.initial = initial
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The delay before attempt `failures + 1`, after `failures` (≥ 1) failures in a row.
    public func delay<Generator: RandomNumberGenerator>(afterFailures failures: Int, using generator: inout Generator)
        -> Duration
    {
        let doublings = min(max(failures - 1, 0), 30)
        let base = min(initial * (1 << doublings), maximum)
        let stretch = jitter > 0 ? Double.random(in: 0...jitter, using: &generator) : 0
        return base * (1 + stretch)
    }

    /// The delay before the next attempt, with the system's random numbers.
    public func delay(afterFailures failures: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailures: failures, using: &generator)
    }
}
