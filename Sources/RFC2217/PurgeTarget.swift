/// Which buffers of the serial port a PURGE-DATA command empties.
public enum PurgeTarget: UInt8, Sendable, Hashable, CaseIterable {
    /// The receive buffer: data read from the port not yet sent to the client.
    case receive = 1
    /// The transmit buffer: data from the client not yet written to the port.
    case transmit = 2
    /// Both buffers.
    case both = 3
}
