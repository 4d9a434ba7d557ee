/// How an ``MQTTClient`` connects and behaves.
public struct MQTTClientConfiguration: Sendable {
    /// The broker's host name or address.
    public var host: String
    /// The broker's port.
    public var port: Int
    /// TLS settings, or nil for plain TCP.
    public var tls: MQTTTLSConfiguration?
    /// The MQTT client identifier.
    public var clientID: String
    /// The user name, or nil for none.
    public var username: String?
    /// The password, or nil for none. Never logged.
    public var password: String?
    /// Seconds between keepalive pings (5 or more); a silent broker is dropped after at most twice this.
    public var keepaliveSeconds: Int
    /// The message the broker publishes when the connection ends without a DISCONNECT.
    public var will: MQTTOutgoingMessage?
    /// Topic filters subscribed (QoS 1) at every connection, before ``MQTTConnectionEvent/connected(sessionPresent:)``.
    public var subscriptions: [MQTTSubscription]
    /// Reconnect delays.
    public var backoff: ReconnectBackoff
    /// Whether to reconnect after a failure; a one-shot client (a CLI) turns this off.
    public var reconnects: Bool
    /// Received messages buffered for a slow reader; more are dropped and counted.
    public var inboundBufferLimit: Int
    /// Payload bytes buffered for a slow reader; messages that would pass it are dropped and counted.
    public var inboundByteLimit: Int
    /// The largest packet the broker may send this client (MQTT 5 Maximum Packet Size); the
    /// broker drops larger messages for it. Nil: no limit.
    public var maximumPacketSize: UInt32?
    /// Publishes in flight (sent, not yet acknowledged); further `publish` calls wait.
    public var publishWindow: Int
    /// How long the broker keeps this client's session (subscriptions, QoS 1 messages queued for
    /// it, messages in flight) after the link ends; the client resumes it by connecting with the
    /// same ``clientID``. Nil: a clean session at every connection.
    public var sessionExpirySeconds: UInt32?

    /// Creates a configuration.
    public init(
        host: String, port: Int, tls: MQTTTLSConfiguration?, clientID: String, username: String? = nil,
        password: String? = nil, keepaliveSeconds: Int = 30, will: MQTTOutgoingMessage? = nil,
        subscriptions: [MQTTSubscription] = [], backoff: ReconnectBackoff = ReconnectBackoff(), reconnects: Bool = true,
        inboundBufferLimit: Int = 256, inboundByteLimit: Int = 16 << 20, maximumPacketSize: UInt32? = nil,
        publishWindow: Int = 64, sessionExpirySeconds: UInt32? = nil
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.clientID = clientID
        self.username = username
        self.password = password
        self.keepaliveSeconds = keepaliveSeconds
        self.will = will
        self.subscriptions = subscriptions
        self.backoff = backoff
        self.reconnects = reconnects
        self.inboundBufferLimit = inboundBufferLimit
        self.inboundByteLimit = inboundByteLimit
        self.maximumPacketSize = maximumPacketSize
        self.publishWindow = publishWindow
        self.sessionExpirySeconds = sessionExpirySeconds
    }
}
