/// The key/value view of a DNS-SD TXT record (RFC 6763 §6): `key=value` strings, keys compared
/// case-insensitively, the first occurrence of a key wins, a key without `=` is a boolean
/// attribute, and a single empty string means no attributes.
public struct TXTRecord: Sendable, Hashable {
    /// The attributes in their order, keys as sent, values as raw bytes (nil: a key without `=`).
    public let attributes: [(key: String, value: [UInt8]?)]

    /// Reads the strings of a TXT record.
    public init(strings: [[UInt8]]) {
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
        self.attributes = attributes
    }

    /// The value of `key` as text (invalid UTF-8 replaced), "" for a boolean attribute, nil when absent.
    public subscript(key: String) -> String? {
        let wanted = key.lowercased()
        guard let attribute = attributes.first(where: { $0.key.lowercased() == wanted }) else { return nil }
        return attribute.value.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Every attribute as text, for JSON: booleans as "" (first occurrence of each key).
    public var dictionary: [String: String] {
        Dictionary(attributes.map { ($0.key, $0.value.map { String(decoding: $0, as: UTF8.self) } ?? "") }) { first, _ in first }
    }

    /// Equal when the same attributes come in the same order.
    public static func == (left: TXTRecord, right: TXTRecord) -> Bool {
        left.attributes.count == right.attributes.count
            && zip(left.attributes, right.attributes).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes keys and values in order.
    public func hash(into hasher: inout Hasher) {
        for attribute in attributes {
            hasher.combine(attribute.key)
            hasher.combine(attribute.value)
        }
    }
}
