/// A question: a name and type, class IN, and mDNS's unicast-response (QU) bit.
public struct DNSQuestion: Sendable, Hashable {
    /// The name asked about.
    public var name: DNSName
    /// The type asked for.
    public var type: DNSRecordType
    /// The class, without the QU bit (1: IN).
    public var recordClass: UInt16
    /// mDNS QU: the querier asks for a unicast response.
    public var unicastResponse: Bool

    /// Creates a question (class IN by default).
    public init(name: DNSName, type: DNSRecordType, recordClass: UInt16 = 1, unicastResponse: Bool = false) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
        self.unicastResponse = unicastResponse
    }
}
