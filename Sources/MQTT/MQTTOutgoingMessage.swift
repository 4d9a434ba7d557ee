/// A message to publish.
public struct MQTTOutgoingMessage: Sendable, Hashable {
    /// The topic.
    public var topic: String
    /// The payload bytes; empty with `retain` clears a retained message.
    public var payload: [UInt8]
    /// The quality of service.
    public var qos: MQTTQoS
    /// Whether the broker keeps it for later subscribers.
    public var retain: Bool
    /// MQTT 5 correlation data, for replies.
    public var correlationData: [UInt8]?
    /// MQTT 5 content type, such as `application/json`.
    public var contentType: String?
    /// MQTT 5 message expiry in seconds, or nil for none.
    public var expirySeconds: UInt32?

    /// Creates a message.
    public init(
        topic: String, payload: [UInt8], qos: MQTTQoS = .atLeastOnce, retain: Bool = false,
        correlationData: [UInt8]? = nil, contentType: String? = nil, expirySeconds: UInt32? = nil
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.correlationData = correlationData
        self.contentType = contentType
        self.expirySeconds = expirySeconds
    }
}
