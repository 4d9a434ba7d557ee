/// The bounds of firmware transfers (`[firmware]`).
public struct FirmwareLimits: Sendable, Hashable {
    /// The largest image, in bytes (`max_mib`, 64 MiB by default).
    public var maxBytes: Int
    /// Transfers under way at once, at most.
    public var maxTransfers: Int
    /// A transfer that received nothing for this long is dropped and its file deleted.
    public var idleTimeout: Duration

    /// Limits; the defaults are 64 MiB, 4 transfers and 10 minutes.
    public init(maxBytes: Int = 64 << 20, maxTransfers: Int = 4, idleTimeout: Duration = .seconds(600)) {
        self.maxBytes = maxBytes
        self.maxTransfers = maxTransfers
        self.idleTimeout = idleTimeout
    }
}
