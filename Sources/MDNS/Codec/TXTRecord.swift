/// The key/value view of a DNS-SD TXT record (RFC 6763 §6): `key=value` strings, keys compared
/// case-insensitively, the first occurrence of a key wins, a key without `=` is a boolean
/// attribute, and a single empty string means no attributes.
///
/// It keeps the record's data in wire form, one buffer however many strings it has, and reads
/// attributes on demand: a browser holds one per board, and most are never looked into after
/// they arrive.
public struct TXTRecord: Sendable, Hashable {
    /// The record data: each string as a length byte and its bytes.
    let wire: [UInt8]

    /// A record of `strings`; nil when one is longer than 255 bytes.
    public init?(strings: [[UInt8]]) {
        guard strings.allSatisfy({ $0.count <= 255 }) else { return nil }
        var wire: [UInt8] = []
        wire.reserveCapacity(strings.reduce(0) { $0 + $1.count + 1 })
        for string in strings {
            wire.append(UInt8(string.count))
            wire.append(contentsOf: string)
        }
        self.wire = wire
    }

    /// A record without strings.
    public static let empty = TXTRecord(checkedWire: [])

    /// A record of data in wire form that the parser checked.
    init(checkedWire wire: [UInt8]) {
        self.wire = wire
    }

    /// The record's character strings, in order.
    public var strings: [[UInt8]] {
        var strings: [[UInt8]] = []
        var index = 0
        while index < wire.count {
            let length = Int(wire[index])
            strings.append(Array(wire[(index + 1)..<(index + 1 + length)]))
            index += length + 1
        }
        return strings
    }

    /// The attributes in their order, keys as sent, values as raw bytes (nil: a key without `=`).
    public var attributes: [(key: String, value: [UInt8]?)] {
        var attributes: [(key: String, value: [UInt8]?)] = []
        var seen = Set<String>()
        for string in strings where !string.isEmpty {
            let equals = string.firstIndex(of: UInt8(ascii: "="))
            let keyBytes = equals.map { string[..<$0] } ?? string[...]
            // A string that starts with `=` has no key and is ignored.
            guard !keyBytes.isEmpty else { continue }
            let key = String(decoding: keyBytes, as: UTF8.self)
            guard seen.insert(key.lowercased()).inserted else { continue }
            attributes.append((key, equals.map { Array(string[string.index(after: $0)...]) }))
        }
        return attributes
    }

    /// The value of `key` as text (invalid UTF-8 replaced), "" for a key without `=`, nil when absent.
    public subscript(key: String) -> String? {
        let wanted = key.lowercased()
        guard let attribute = attributes.first(where: { $0.key.lowercased() == wanted }) else { return nil }
        return attribute.value.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Every attribute as text, for JSON.
    public var dictionary: [String: String] {
        Dictionary(attributes.map { ($0.key, $0.value.map { String(decoding: $0, as: UTF8.self) } ?? "") }) { first, _ in first }
    }
}
