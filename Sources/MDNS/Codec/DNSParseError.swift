/// Why a packet is not a DNS message this codec accepts. Hostile or broken packets end here,
/// never in a crash or in memory that grows with what the packet claims.
public struct DNSParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: String, Sendable, Hashable {
        /// The packet ends inside a header, name, record or field.
        case truncated
        /// The packet is larger than mDNS allows (9000 bytes).
        case oversized
        /// The section counts promise more entries than the packet can hold.
        case impossibleCounts
        /// A label longer than 63 bytes, an unknown label type, or a name over 255 bytes.
        case badName
        /// A compression pointer that does not point backwards (a loop or a forward jump).
        case badPointer
        /// Record data whose length does not match its type (an A record of 5 bytes).
        case badRecordData
    }

    /// What is wrong.
    public let reason: Reason
    /// The byte offset where it was found.
    public let offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// `<reason> at byte <offset>`.
    public var description: String { "\(reason.rawValue) at byte \(offset)" }
}
