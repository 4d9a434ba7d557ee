/// A DNS record type (and question type).
public struct DNSRecordType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The type number.
    public let rawValue: UInt16

    /// Wraps a type number.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// IPv4 address.
    public static let a = DNSRecordType(rawValue: 1)
    /// Pointer (DNS-SD: service type → instance).
    public static let ptr = DNSRecordType(rawValue: 12)
    /// Text strings (DNS-SD: key=value attributes).
    public static let txt = DNSRecordType(rawValue: 16)
    /// IPv6 address.
    public static let aaaa = DNSRecordType(rawValue: 28)
    /// Service location: priority, weight, port, target host.
    public static let srv = DNSRecordType(rawValue: 33)
    /// Next secure (mDNS: the types a name has, for negative answers).
    public static let nsec = DNSRecordType(rawValue: 47)
    /// Any type (questions only).
    public static let any = DNSRecordType(rawValue: 255)

    /// `A`, `PTR`, … or `TYPE<n>`.
    public var description: String {
        switch self {
        case .a: "A"
        case .ptr: "PTR"
        case .txt: "TXT"
        case .aaaa: "AAAA"
        case .srv: "SRV"
        case .nsec: "NSEC"
        case .any: "ANY"
        default: "TYPE\(rawValue)"
        }
    }
}
