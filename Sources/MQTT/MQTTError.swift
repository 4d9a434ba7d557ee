import CMosquitto
#if canImport(Glibc)
import Glibc
#endif

/// A failure of the MQTT link or of one operation on it.
public struct MQTTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Sendable, Hashable {
        /// The operation needs a connection and there is none now.
        case notConnected
        /// The connection ended before the operation completed.
        case connectionLost
        /// The client is shutting down.
        case stopped
        /// The broker refused the connection (CONNACK with a failure reason).
        case refused
        /// The TLS handshake or certificate verification failed.
        case tls
        /// The broker sent nothing within the keepalive period.
        case keepaliveTimeout
        /// The configuration or an argument is invalid.
        case invalidArgument
        /// Name resolution or the TCP connection failed.
        case network
        /// Any other libmosquitto failure.
        case library
    }

    /// What failed.
    public let kind: Kind
    /// A human-readable explanation that says what to do where it can.
    public let message: String
    /// The broker's reason code, when it sent one.
    public let reasonCode: MQTTReasonCode?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, reasonCode: MQTTReasonCode? = nil) {
        self.kind = kind
        self.message = message
        self.reasonCode = reasonCode
    }

    /// The explanation.
    public var description: String { message }

    /// Maps a libmosquitto result code; `detail` is the library's last logged error, if any.
    static func library(_ code: Int32, operation: String, detail: String? = nil) -> MQTTError {
        let reason = String(cString: mosquitto_strerror(code))
        let suffix = detail.map { ": \($0)" } ?? ""
        switch code {
        case MOSQ_ERR_NO_CONN.rawValue:
            return MQTTError(.notConnected, "\(operation): not connected to the broker")
        case MOSQ_ERR_CONN_LOST.rawValue:
            return MQTTError(.connectionLost, "\(operation): the connection to the broker was lost\(suffix)")
        case MOSQ_ERR_TLS.rawValue, MOSQ_ERR_TLS_HANDSHAKE.rawValue:
            return MQTTError(
                .tls, "\(operation): TLS failed\(suffix.isEmpty ? "" : suffix); check ca_file and the broker's certificate")
        case MOSQ_ERR_KEEPALIVE.rawValue:
            return MQTTError(.keepaliveTimeout, "\(operation): the broker did not answer within the keepalive period")
        case MOSQ_ERR_INVAL.rawValue, MOSQ_ERR_PAYLOAD_SIZE.rawValue, MOSQ_ERR_MALFORMED_UTF8.rawValue:
            return MQTTError(.invalidArgument, "\(operation): \(reason)\(suffix)")
        case MOSQ_ERR_ERRNO.rawValue:
            let os = String(cString: strerror(errno))
            return MQTTError(.network, "\(operation): \(os)\(suffix)")
        case MOSQ_ERR_EAI.rawValue, MOSQ_ERR_LOOKUP.rawValue:
            return MQTTError(.network, "\(operation): cannot resolve the broker's host name\(suffix)")
        default:
            return MQTTError(.library, "\(operation): \(reason)\(suffix)")
        }
    }
}
