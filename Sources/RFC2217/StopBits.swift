/// The number of stop bits (RFC 2217 SET-STOPSIZE codes; note that 1.5 is code 3).
public enum StopBits: UInt8, Sendable, Hashable, CaseIterable {
    /// One stop bit.
    case one = 1
    /// Two stop bits.
    case two = 2
    /// One and a half stop bits.
    case onePointFive = 3
}
