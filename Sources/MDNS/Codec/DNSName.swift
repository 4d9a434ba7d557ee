/// A domain name as DNS carries it: a sequence of labels of arbitrary bytes (service instance
/// names may hold spaces, dots and UTF-8). Compared as DNS compares names: ASCII letters
/// case-insensitively, every other byte exactly.
public struct DNSName: Sendable, CustomStringConvertible {
    /// The labels in wire form, each a length byte and its bytes, without the root: one
    /// allocation per name however many labels it has (a browser holds thousands of names).
    let wire: [UInt8]

    /// The labels, without the root.
    public var labels: [[UInt8]] {
        var labels: [[UInt8]] = []
        var index = 0
        while index < wire.count {
            let length = Int(wire[index])
            labels.append(Array(wire[(index + 1)...(index + length)]))
            index += length + 1
        }
        return labels
    }

    /// The longest label.
    public static let maximumLabelLength = 63
    /// The longest name in wire form, the root byte included.
    public static let maximumWireLength = 255

    /// A name from labels; nil when a label is empty or too long, or the name too long.
    public init?(labels: [[UInt8]]) {
        guard labels.allSatisfy({ (1...Self.maximumLabelLength).contains($0.count) }),
            labels.reduce(1, { $0 + $1.count + 1 }) <= Self.maximumWireLength
        else { return nil }
        var wire: [UInt8] = []
        wire.reserveCapacity(labels.reduce(0) { $0 + $1.count + 1 })
        for label in labels {
            wire.append(UInt8(label.count))
            wire.append(contentsOf: label)
        }
        self.wire = wire
    }

    /// A name from labels already in wire form (the parser checked them).
    init(checkedWire wire: [UInt8]) {
        self.wire = wire
    }

    /// A name from dotted text such as `_arduino._tcp.local`, each label taken as UTF-8 (no
    /// escapes); nil when it is not a valid name.
    public init?(_ dotted: String) {
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false)
        let trimmed = parts.last == "" ? parts.dropLast() : parts[...]
        self.init(labels: trimmed.map { Array($0.utf8) })
    }

    /// A name with `label` in front of this one (an instance name before its service type).
    public func prepending(_ label: [UInt8]) -> DNSName? {
        DNSName(labels: [label] + labels)
    }

    /// The bytes of the name in wire form, uncompressed.
    public var wireLength: Int { wire.count + 1 }

    /// Presentation form: labels joined by dots, with dots and backslashes in labels escaped and
    /// bytes that are not printable ASCII or UTF-8 written as `\DDD`.
    public var description: String {
        labels.map(Self.escaped).joined(separator: ".")
    }

    /// The first label as text (an instance name), invalid UTF-8 replaced.
    public var firstLabel: String {
        guard let length = wire.first else { return "" }
        return String(decoding: wire[1...Int(length)], as: UTF8.self)
    }

    /// Whether this name ends with `suffix` (DNS comparison).
    public func hasSuffix(_ suffix: DNSName) -> Bool {
        guard suffix.labels.count <= labels.count else { return false }
        return zip(labels.suffix(suffix.labels.count), suffix.labels).allSatisfy(Self.labelsEqual)
    }

    static func labelsEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { lowercased($0) == lowercased($1) }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func escaped(_ label: [UInt8]) -> String {
        if let text = String(validating: label, as: UTF8.self),
            text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
        {
            return text.replacing("\\", with: "\\\\").replacing(".", with: "\\.")
        }
        return label.map { byte in
            switch byte {
            case UInt8(ascii: "."): "\\."
            case UInt8(ascii: "\\"): "\\\\"
            case 0x21...0x7E: String(UnicodeScalar(byte))
            default: "\\" + String(repeating: "0", count: byte < 10 ? 2 : byte < 100 ? 1 : 0) + String(byte)
            }
        }.joined()
    }
}

extension DNSName: Hashable {
    /// Equal under DNS comparison. (Length bytes are at most 63, so folding letters never changes them.)
    public static func == (left: DNSName, right: DNSName) -> Bool {
        left.wire.count == right.wire.count && zip(left.wire, right.wire).allSatisfy { lowercased($0) == lowercased($1) }
    }

    /// Hashes the ASCII-lowercased wire form.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(wire.count)
        for byte in wire { hasher.combine(Self.lowercased(byte)) }
    }
}
