/// The names a browser cares about at one moment: the service types, their instances, and the
/// instances' hosts. Records about anything else are not cached.
public struct MDNSInterest: Sendable, Hashable {
    /// The browsed service types (`_arduino._tcp.local`).
    public var types: Set<DNSName>
    /// Instances the types' PTR records point to.
    public var instances: Set<DNSName>
    /// Hosts the instances' SRV records point to.
    public var hosts: Set<DNSName>

    /// Whether `record` is about one of these names.
    public func wants(_ record: DNSRecord) -> Bool {
        switch record.type {
        case .ptr: types.contains(record.name)
        case .srv, .txt: instances.contains(record.name)
        case .a, .aaaa: hosts.contains(record.name)
        default: false
        }
    }
}
