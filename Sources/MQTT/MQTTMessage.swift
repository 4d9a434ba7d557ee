/// A message received from the broker, copied out of libmosquitto.
public struct MQTTMessage: Sendable, Hashable {
    /// The topic it was published to.
    public var topic: String
    /// The payload bytes.
    public var payload: [UInt8]
    /// The retain flag: true for a retained copy delivered at subscription time.
    public var retain: Bool
    /// The MQTT 5 correlation data, if any.
    public var correlationData: [UInt8]?
    /// The MQTT 5 content type, if any.
    public var contentType: String?

    /// Creates a message.
    public init(
        topic: String, payload: [UInt8], retain: Bool = false, correlationData: [UInt8]? = nil,
        contentType: String? = nil
    ) {
        self.topic = topic
        self.payload = payload
        self.retain = retain
        self.correlationData = correlationData
        self.contentType = contentType
    }
}
