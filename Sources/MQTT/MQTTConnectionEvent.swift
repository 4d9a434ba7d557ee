/// A change of the link to the broker, in order.
public enum MQTTConnectionEvent: Sendable, Hashable {
    /// A connection attempt started.
    case connecting
    /// The broker accepted the connection (CONNACK success). Subscriptions of the
    /// configuration have been sent again.
    case connected(sessionPresent: Bool)
    /// The connection failed or was lost; the next attempt starts after `delay`.
    case backoff(delay: Duration, reason: MQTTError)
}
