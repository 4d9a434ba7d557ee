import CMosquitto

/// An MQTT 5 reason code from a CONNACK, PUBACK, SUBACK or DISCONNECT.
public struct MQTTReasonCode: Sendable, Hashable, CustomStringConvertible {
    /// The code as sent on the wire.
    public let rawValue: UInt8

    /// Wraps a code.
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    /// Success (0).
    public static let success = MQTTReasonCode(0)
    /// "No matching subscribers" (16): accepted, but nobody was subscribed.
    public static let noMatchingSubscribers = MQTTReasonCode(16)
    /// "Not authorized" (135).
    public static let notAuthorized = MQTTReasonCode(135)

    /// Whether the code reports a failure (0x80 and above).
    public var isFailure: Bool { rawValue >= 0x80 }

    /// The code and its name, such as `135 (Not authorized)`.
    public var description: String {
        "\(rawValue) (\(String(cString: mosquitto_reason_string(Int32(rawValue)))))"
    }
}
