import CMosquitto
#if canImport(Glibc)
import Glibc
#endif

/// An MQTT 5 property list built for one call, freed when dropped.
final class PropertyList {
    /// The list, or nil when empty.
    private(set) var pointer: OpaquePointer?

    init() {}

    deinit { mosquitto_property_free_all(&pointer) }

    func add(contentType: String?) {
        guard let contentType else { return }
        mosquitto_property_add_string(&pointer, Int32(MQTT_PROP_CONTENT_TYPE.rawValue), contentType)
    }

    func add(correlationData: [UInt8]?) {
        guard let data = correlationData, !data.isEmpty, data.count <= Int(UInt16.max) else { return }
        data.withUnsafeBytes { bytes in
            _ = mosquitto_property_add_binary(
                &pointer, Int32(MQTT_PROP_CORRELATION_DATA.rawValue), bytes.baseAddress, UInt16(bytes.count))
        }
    }

    func add(expirySeconds: UInt32?) {
        guard let expirySeconds else { return }
        mosquitto_property_add_int32(&pointer, Int32(MQTT_PROP_MESSAGE_EXPIRY_INTERVAL.rawValue), expirySeconds)
    }

    func add(sessionExpirySeconds: UInt32) {
        mosquitto_property_add_int32(&pointer, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), sessionExpirySeconds)
    }

    func add(maximumPacketSize: UInt32) {
        mosquitto_property_add_int32(&pointer, Int32(MQTT_PROP_MAXIMUM_PACKET_SIZE.rawValue), maximumPacketSize)
    }

    /// Hands the list to a call that took ownership (such as a successful `will_set_v5`).
    func release() { pointer = nil }

    /// Reads the correlation data of a received property list.
    static func correlationData(in properties: OpaquePointer?) -> [UInt8]? {
        var value: UnsafeMutableRawPointer?
        var length: UInt16 = 0
        guard mosquitto_property_read_binary(
            properties, Int32(MQTT_PROP_CORRELATION_DATA.rawValue), &value, &length, false) != nil,
            let value
        else { return nil }
        defer { free(value) }
        return Array(UnsafeRawBufferPointer(start: value, count: Int(length)))
    }

    /// Reads the content type of a received property list.
    static func contentType(in properties: OpaquePointer?) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard mosquitto_property_read_string(properties, Int32(MQTT_PROP_CONTENT_TYPE.rawValue), &value, false) != nil,
            let value
        else { return nil }
        defer { free(value) }
        return String(cString: value)
    }
}
