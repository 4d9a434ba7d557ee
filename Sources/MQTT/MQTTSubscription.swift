/// A topic filter the client subscribes to (QoS 1) at every connection.
public struct MQTTSubscription: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The topic filter.
    public var filter: String
    /// MQTT 5's No Local option: the broker does not send back this client's own publications
    /// (retained messages are still delivered when subscribing).
    public var noLocal: Bool

    /// A subscription to `filter`.
    public init(_ filter: String, noLocal: Bool = false) {
        self.filter = filter
        self.noLocal = noLocal
    }

    /// A subscription to the filter written as a string literal.
    public init(stringLiteral filter: String) {
        self.init(filter)
    }
}
