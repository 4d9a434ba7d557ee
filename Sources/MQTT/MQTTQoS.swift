/// An MQTT quality of service.
public enum MQTTQoS: Int32, Sendable, Hashable {
    /// At most once.
    case atMostOnce = 0
    /// At least once: the broker acknowledges with PUBACK.
    case atLeastOnce = 1
}
