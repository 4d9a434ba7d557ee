/// The number of data bits per character (RFC 2217 SET-DATASIZE).
public enum DataSize: UInt8, Sendable, Hashable, CaseIterable {
    /// Five data bits.
    case five = 5
    /// Six data bits.
    case six = 6
    /// Seven data bits.
    case seven = 7
    /// Eight data bits.
    case eight = 8
}
