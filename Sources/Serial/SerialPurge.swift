/// Which of a port's queues to discard (RFC 2217's PURGE-DATA: receive, transmit, both).
public enum SerialPurge: Sendable, Hashable, CaseIterable {
    /// Data the device sent that nobody has read yet.
    case input
    /// Data written to the port and not sent yet.
    case output
    /// Both.
    case both
}
