public import AgentCore
import Synchronization

/// The leases on devices (`device.lock`, `device.unlock`): one holder per device, each lease
/// ending at its expiry unless its holder renews it. Expired leases are dropped as they are met.
public final class DeviceLeases: Sendable {
    /// The longest lease a user may take at once.
    public static let maximumDuration: Duration = .seconds(86_400)

    private let leases = Mutex<[String: DeviceLease]>([:])

    /// No leases.
    public init() {}

    /// The leases in force at `now`, oldest first.
    public func all(now: Timestamp = .now()) -> [DeviceLease] {
        leases.withLock { leases in
            leases = leases.filter { $0.value.expires > now }
            return leases.values.sorted { $0.since < $1.since }
        }
    }

    /// Takes, or renews, `user`'s lease on the device at `port` for `duration`.
    ///
    /// - Throws: `locked` naming the holder when another user holds it, `invalid_params` for a
    ///   duration out of range.
    public func lock(_ port: String, for user: String, duration: Duration, now: Timestamp = .now()) throws(RPCFailure) -> DeviceLease {
        guard duration >= .seconds(1), duration <= Self.maximumDuration else {
            throw RPCFailure(.invalidParams, "\"ttl_s\" must be 1 to \(Self.maximumDuration.components.seconds) seconds")
        }
        let expires = Timestamp(millisecondsSinceEpoch: now.millisecondsSinceEpoch + duration.components.seconds * 1000)
        return try leases.withLock { leases throws(RPCFailure) -> DeviceLease in
            if let held = leases[port], held.expires > now, held.user != user {
                throw Self.refusal(held)
            }
            let since = leases[port].flatMap { $0.user == user && $0.expires > now ? $0.since : nil } ?? now
            let lease = DeviceLease(port: port, user: user, since: since, expires: expires)
            leases[port] = lease
            return lease
        }
    }

    /// Ends the lease on `port`: its holder may, and so may whoever may `breaking` leases (the
    /// agent's owner). Ending a lease that is not there is not an error.
    ///
    /// - Throws: `locked` when another user holds it and `breaking` is false.
    public func unlock(_ port: String, by user: String, breaking: Bool, now: Timestamp = .now()) throws(RPCFailure) {
        try leases.withLock { leases throws(RPCFailure) in
            guard let held = leases[port], held.expires > now else {
                leases[port] = nil
                return
            }
            guard held.user == user || breaking else { throw Self.refusal(held) }
            leases[port] = nil
        }
    }

    /// Checks that `user` may use the device at `port`: nobody else holds a lease on it.
    ///
    /// - Throws: `locked` naming the holder and the lease's end.
    public func check(_ port: String, for user: String, now: Timestamp = .now()) throws(RPCFailure) {
        let held = leases.withLock { $0[port] }
        guard let held, held.expires > now, held.user != user else { return }
        throw Self.refusal(held)
    }

    private static func refusal(_ lease: DeviceLease) -> RPCFailure {
        RPCFailure(
            .locked,
            "\(lease.port) is locked by \(lease.user) until \(lease.expires); ask them, or the agent's owner, to unlock it")
    }
}
