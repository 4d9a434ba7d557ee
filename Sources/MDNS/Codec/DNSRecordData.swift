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
    /// Character strings, each at most 255 bytes (DNS-SD: key=value attributes).
    case txt(TXTRecord)
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

/// An IPv4 address, held inline (a cache of many boards holds many).
public struct IPv4Address: Sendable, Hashable, CustomStringConvertible {
    /// The address as a number: its first byte is the most significant.
    private let value: UInt32

    /// The 4 bytes, in network order.
    public var bytes: [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

    /// An address from 4 bytes; nil for another count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        value = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Dotted decimal.
    public var description: String { bytes.map(String.init).joined(separator: ".") }
}

/// An IPv6 address, held inline.
public struct IPv6Address: Sendable, Hashable, CustomStringConvertible {
    /// The first and last 8 bytes as numbers, the first byte the most significant.
    private let high: UInt64
    private let low: UInt64

    /// The 16 bytes, in network order.
    public var bytes: [UInt8] {
        (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (56 - 8 * ($0 % 8))) }
    }

    /// An address from 16 bytes; nil for another count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        high = bytes[..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = bytes[8...].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Eight groups of hex digits, the longest run of zero groups shortened to `::` (RFC 5952).
    public var description: String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: ($0 < 4 ? high : low) >> (48 - 16 * ($0 % 4))) }
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
