/// TLS settings for the link. Peers are always verified, host name included, with TLS 1.2 or later.
public struct MQTTTLSConfiguration: Sendable, Hashable {
    /// PEM file of the CA certificates to trust, or nil for the system's trust store.
    public var caFile: String?
    /// PEM client certificate for mutual TLS.
    public var certificateFile: String?
    /// PEM private key of `certificateFile`.
    public var keyFile: String?
    /// An ALPN protocol to offer (AWS IoT Core on port 443 wants `x-amzn-mqtt-ca`).
    public var alpn: String?

    /// Creates TLS settings.
    public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, alpn: String? = nil) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.alpn = alpn
    }
}
