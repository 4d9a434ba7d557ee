/// Writes what ``JSONTreeEncoder`` built as one JSON document, byte for byte as Foundation's
/// `JSONEncoder` does with `.sortedKeys` and `.withoutEscapingSlashes` (and `.prettyPrinted`):
/// keys in the order of their UTF-8 bytes; pretty output indents by two spaces, writes
/// `"key" : value`, and empty containers as `[`, a blank line and `]`.
struct JSONTreeWriter {
    /// Thrown for containers nested 512 deep or more, which Foundation refuses to write too.
    struct TooDeep: Error {}

    /// The deepest nesting written: Foundation's limit.
    static let maximumDepth = 512

    private let scratch: [UInt8]
    private let pretty: Bool
    private var indent = 0
    /// The document so far.
    private(set) var output: [UInt8] = []

    /// Creates a writer over the scalars' bytes.
    init(scratch: [UInt8], pretty: Bool) {
        self.scratch = scratch
        self.pretty = pretty
        output.reserveCapacity(scratch.count + scratch.count / 4 + 16)
    }

    /// Writes a value (and everything in it).
    mutating func write(_ value: JSONEncodedValue, depth: Int = 0) throws(TooDeep) {
        switch value {
        case .scalar(let start, let end):
            output.append(contentsOf: scratch[start..<end])
        case .array(let array):
            try writeArray(array.elements, depth: depth + 1)
        case .object(let object):
            try writeObject(object.members, depth: depth + 1)
        case .deferred(let encoder):
            try write(encoder.value ?? .object(JSONObjectBuilder()), depth: depth)
        }
    }

    private mutating func writeArray(_ elements: [JSONEncodedValue], depth: Int) throws(TooDeep) {
        guard depth < Self.maximumDepth else { throw TooDeep() }
        output.append(UInt8(ascii: "["))
        if pretty {
            output.append(UInt8(ascii: "\n"))
            indent += 1
        }
        for (index, element) in elements.enumerated() {
            if index > 0 {
                output.append(UInt8(ascii: ","))
                if pretty { output.append(UInt8(ascii: "\n")) }
            }
            if pretty { writeIndent() }
            try write(element, depth: depth)
        }
        if pretty {
            output.append(UInt8(ascii: "\n"))
            indent -= 1
            writeIndent()
        }
        output.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [(key: String, value: JSONEncodedValue)], depth: Int) throws(TooDeep) {
        guard depth < Self.maximumDepth else { throw TooDeep() }
        output.append(UInt8(ascii: "{"))
        if pretty {
            output.append(UInt8(ascii: "\n"))
            indent += 1
        }
        var first = true
        for index in Self.sortedUniqueIndices(of: members) {
            if first {
                first = false
            } else {
                output.append(UInt8(ascii: ","))
                if pretty { output.append(UInt8(ascii: "\n")) }
            }
            if pretty { writeIndent() }
            JSONStringEscaping.appendQuoted(members[index].key, to: &output)
            if pretty {
                output.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
            } else {
                output.append(UInt8(ascii: ":"))
            }
            try write(members[index].value, depth: depth)
        }
        if pretty {
            output.append(UInt8(ascii: "\n"))
            indent -= 1
            writeIndent()
        }
        output.append(UInt8(ascii: "}"))
    }

    private mutating func writeIndent() {
        for _ in 0..<indent {
            output.append(UInt8(ascii: " "))
            output.append(UInt8(ascii: " "))
        }
    }

    /// The members' positions in the order of their keys' UTF-8 bytes; of a key encoded more
    /// than once, only the last.
    static func sortedUniqueIndices(of members: [(key: String, value: JSONEncodedValue)]) -> [Int] {
        var order = Array(members.indices)
        order.sort { left, right in
            switch compareUTF8(members[left].key, members[right].key) {
            case 0: left < right
            case let order: order < 0
            }
        }
        var unique: [Int] = []
        unique.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            if position + 1 < order.count, compareUTF8(members[order[position + 1]].key, members[index].key) == 0 {
                continue
            }
            unique.append(index)
        }
        return unique
    }

    /// -1, 0 or 1 as `left`'s UTF-8 bytes sort before, with or after `right`'s.
    static func compareUTF8(_ left: String, _ right: String) -> Int {
        var leftBytes = left.utf8.makeIterator()
        var rightBytes = right.utf8.makeIterator()
        while true {
            switch (leftBytes.next(), rightBytes.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (leftByte?, rightByte?):
                if leftByte != rightByte {
                    return leftByte < rightByte ? -1 : 1
                }
            }
        }
    }
}
