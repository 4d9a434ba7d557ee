/// A resource record: owner name, data, class, TTL and mDNS's cache-flush bit.
public struct DNSRecord: Sendable, Hashable {
    /// The owner name.
    public var name: DNSName
    /// The record's data, which fixes its type.
    public var data: DNSRecordData
    /// The class, without the cache-flush bit (1: IN).
    public var recordClass: UInt16
    /// mDNS cache-flush: this record set replaces what caches hold for the name and type.
    public var cacheFlush: Bool
    /// Seconds the record may be cached; 0 is an mDNS goodbye.
    public var ttl: UInt32

    /// Creates a record (class IN by default).
    public init(name: DNSName, data: DNSRecordData, ttl: UInt32, recordClass: UInt16 = 1, cacheFlush: Bool = false) {
        self.name = name
        self.data = data
        self.recordClass = recordClass
        self.cacheFlush = cacheFlush
        self.ttl = ttl
    }

    /// The record's type.
    public var type: DNSRecordType { data.type }
}
