/// The data of a record, decoded for the types mDNS service discovery uses.
public enum DNSRecordData: Sendable, Hashable {
    /// An IPv4 address, 4 bytes in network order.
    case a(IPv4Address)
    /// An IPv6 address, 16 bytes in network order.
    case aaaa(IPv6Address)
    /// A pointer to another name.
    case ptr(DNSName)
    /// Service location.
    case srv(priority: UInt16, weight: UInt16, port: UInt16, target: DNSName)
    /// Character strings, each at most 255 bytes.
    case txt([[UInt8]])
    /// The next name and the types present at the owner name.
    case nsec(next: DNSName, types: [DNSRecordType])
    /// Any other type, kept as raw bytes.
    case other(type: DNSRecordType, bytes: [UInt8])

    /// The record type of this data.
    public var type: DNSRecordType {
        switch self {
        case .a: .a
        case .aaaa: .aaaa
        case .ptr: .ptr
        case .srv: .srv
        case .txt: .txt
        case .nsec: .nsec
        case .other(let type, _): type
        }
    }
}

/// An IPv4 address.
public struct IPv4Address: Sendable, Hashable, CustomStringConvertible {
    /// The 4 bytes, in network order.
    public let bytes: [UInt8]

    /// An address from 4 bytes; nil for another count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        self.bytes = bytes
    }

    /// Dotted decimal.
    public var description: String { bytes.map(String.init).joined(separator: ".") }
}

/// An IPv6 address.
public struct IPv6Address: Sendable, Hashable, CustomStringConvertible {
    /// The 16 bytes, in network order.
    public let bytes: [UInt8]

    /// An address from 16 bytes; nil for another count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Eight groups of hex digits, the longest run of zero groups shortened to `::` (RFC 5952).
    public var description: String {
        let groups = (0..<8).map { UInt16(bytes[$0 * 2]) << 8 | UInt16(bytes[$0 * 2 + 1]) }
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8, groups[index] == 0 { index += 1 }
            if index - start > bestLength {
                bestStart = start
                bestLength = index - start
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
