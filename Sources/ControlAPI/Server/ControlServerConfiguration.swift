public import NIOCore

/// Limits and timeouts of the control server.
public struct ControlServerConfiguration: Sendable {
    /// Where to listen.
    public var listener: ControlListener
    /// Connections served at once; more are answered 503 and closed.
    public var maxConnections: Int
    /// The largest request body accepted (413 above).
    public var maxBodyBytes: Int
    /// How long a connection may wait for its next request.
    public var idleTimeout: TimeAmount
    /// How long a request may take to arrive whole (408 after).
    public var requestTimeout: TimeAmount
    /// Events an event-stream client may fall behind before it is disconnected.
    public var eventBufferLimit: Int

    /// Creates a configuration with the API's documented defaults.
    public init(
        listener: ControlListener, maxConnections: Int = 256, maxBodyBytes: Int = 1 << 20,
        idleTimeout: TimeAmount = .seconds(60), requestTimeout: TimeAmount = .seconds(30), eventBufferLimit: Int = 1024
    ) {
        self.listener = listener
        self.maxConnections = maxConnections
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.eventBufferLimit = eventBufferLimit
    }
}
