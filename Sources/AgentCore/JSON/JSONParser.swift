/// A strict RFC 8259 parser: reads a whole document once, checks it (grammar, escapes, UTF-8,
/// nesting at most 512 deep, nothing but whitespace after the value) and records it as
/// ``JSONNode``s.
///
/// Two leniencies of Foundation's `JSONDecoder` are kept, so that what the agent accepted before
/// it still accepts: a UTF-8 byte order mark at the start is skipped, and one comma may follow
/// the last element of an array or the last member of an object (`[1,]`, `{"a":1,}`).
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted, as in Foundation.
    static let maximumDepth = 512
    /// Whether `[1,]` and `{"a":1,}` are accepted, as Foundation's `JSONDecoder` accepts them.
    static let allowsTrailingComma = true

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    private var nodes: [JSONNode] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The nodes of the document in `bytes`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> [JSONNode] {
        var parser = JSONParser(bytes: bytes)
        guard bytes.count < Int(UInt32.max) else {
            throw parser.error("document of \(bytes.count) bytes is too large", at: 0)
        }
        parser.nodes.reserveCapacity(bytes.count / 8 + 1)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            parser.position = 3
        }
        parser.skipWhitespace()
        try parser.parseValue()
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw parser.error("unexpected \(parser.describeByte(at: parser.position)) after the top-level value", at: parser.position)
        }
        return parser.nodes
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONSyntaxError) {
        guard position < bytes.count else {
            throw error("unexpected end of data where a value was expected", at: position)
        }
        switch bytes[position] {
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "t"): try parseLiteral("true", kind: .true)
        case UInt8(ascii: "f"): try parseLiteral("false", kind: .false)
        case UInt8(ascii: "n"): try parseLiteral("null", kind: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default:
            throw error("unexpected \(describeByte(at: position)) where a value was expected", at: position)
        }
    }

    private mutating func parseLiteral(_ literal: StaticString, kind: JSONNode.Kind) throws(JSONSyntaxError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        for offset in 0..<count {
            guard start + offset < bytes.count else {
                throw error("unexpected end of data in the literal \(literal)", at: start + offset)
            }
            guard bytes[start + offset] == literal.utf8Start[offset] else {
                throw error("unexpected \(describeByte(at: start + offset)) in the literal \(literal)", at: start + offset)
            }
        }
        position += count
        appendScalar(kind, start: start, count: count)
    }

    private mutating func appendScalar(_ kind: JSONNode.Kind, start: Int, count: Int, isNonASCII: Bool = false) {
        let end = UInt32(nodes.count + 1)
        nodes.append(JSONNode(kind: kind, isNonASCII: isNonASCII, start: UInt32(start), count: UInt32(count), end: end))
    }

    // MARK: Containers

    private mutating func openContainer(_ kind: JSONNode.Kind) throws(JSONSyntaxError) -> Int {
        guard depth < Self.maximumDepth else {
            throw error("arrays and objects nested more than \(Self.maximumDepth) deep", at: position)
        }
        depth += 1
        let index = nodes.count
        nodes.append(JSONNode(kind: kind, isNonASCII: false, start: UInt32(position), count: 0, end: 0))
        position += 1
        skipWhitespace()
        return index
    }

    private mutating func closeContainer(_ index: Int, count: Int) {
        depth -= 1
        position += 1
        nodes[index].count = UInt32(count)
        nodes[index].end = UInt32(nodes.count)
    }

    private mutating func parseArray() throws(JSONSyntaxError) {
        let index = try openContainer(.array)
        var count = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            closeContainer(index, count: 0)
            return
        }
        while true {
            try parseValue()
            count += 1
            skipWhitespace()
            guard position < bytes.count else {
                throw error("unexpected end of data in an array", at: position)
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if Self.allowsTrailingComma, position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    closeContainer(index, count: count)
                    return
                }
            case UInt8(ascii: "]"):
                closeContainer(index, count: count)
                return
            default:
                throw error("unexpected \(describeByte(at: position)) in an array, where a comma or ] was expected", at: position)
            }
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) {
        let index = try openContainer(.object)
        var count = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            closeContainer(index, count: 0)
            return
        }
        while true {
            guard position < bytes.count else {
                throw error("unexpected end of data in an object, where a key was expected", at: position)
            }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeByte(at: position)) in an object, where a key in quotes was expected", at: position)
            }
            try parseString()
            skipWhitespace()
            guard position < bytes.count else {
                throw error("unexpected end of data in an object, where a colon was expected", at: position)
            }
            guard bytes[position] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeByte(at: position)) in an object, where a colon was expected", at: position)
            }
            position += 1
            skipWhitespace()
            try parseValue()
            count += 1
            skipWhitespace()
            guard position < bytes.count else {
                throw error("unexpected end of data in an object", at: position)
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if Self.allowsTrailingComma, position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    closeContainer(index, count: count)
                    return
                }
            case UInt8(ascii: "}"):
                closeContainer(index, count: count)
                return
            default:
                throw error("unexpected \(describeByte(at: position)) in an object, where a comma or } was expected", at: position)
            }
        }
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONSyntaxError) {
        let quote = position
        position += 1
        let start = position
        var escaped = false
        var nonASCII = false
        while true {
            guard position < bytes.count else {
                throw error("unexpected end of data in the string that starts", at: quote)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                break
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
                try skipEscape()
            } else if byte < 0x20 {
                throw error("unescaped control character \(hex(byte)) in a string", at: position)
            } else if byte < 0x80 {
                position += 1
            } else {
                nonASCII = true
                try skipUTF8Sequence()
            }
        }
        appendScalar(escaped ? .escapedString : .string, start: start, count: position - start, isNonASCII: nonASCII)
        position += 1
    }

    private mutating func skipEscape() throws(JSONSyntaxError) {
        let backslash = position
        position += 1
        guard position < bytes.count else {
            throw error("unexpected end of data in an escape", at: backslash)
        }
        switch bytes[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            let unit = try readHexUnit(escapeAt: backslash)
            if UTF16.isTrailSurrogate(unit) {
                throw error("lone low surrogate \\u\(hex(unit)) in a string", at: backslash)
            }
            if UTF16.isLeadSurrogate(unit) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else {
                    throw error("high surrogate \\u\(hex(unit)) not followed by a low surrogate escape", at: backslash)
                }
                let second = position
                position += 2
                let trail = try readHexUnit(escapeAt: second)
                guard UTF16.isTrailSurrogate(trail) else {
                    throw error("high surrogate \\u\(hex(unit)) followed by \\u\(hex(trail)), not a low surrogate", at: second)
                }
            }
        default:
            throw error("invalid escape \\\(describeByte(at: position)) in a string", at: backslash)
        }
    }

    private mutating func readHexUnit(escapeAt backslash: Int) throws(JSONSyntaxError) -> UInt16 {
        guard position + 4 <= bytes.count else {
            throw error("unexpected end of data in a \\u escape", at: backslash)
        }
        var unit: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = JSONParser.hexValue(bytes[position + offset]) else {
                throw error("invalid hex digit \(describeByte(at: position + offset)) in a \\u escape", at: position + offset)
            }
            unit = unit << 4 | UInt16(digit)
        }
        position += 4
        return unit
    }

    /// The value of a hex digit, either case.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Skips one well-formed UTF-8 sequence of two to four bytes (no overlong forms, no
    /// surrogates, nothing above U+10FFFF).
    private mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw error("invalid UTF-8 byte \(hex(lead)) in a string", at: position)
        }
        guard position + length <= bytes.count else {
            throw error("truncated UTF-8 sequence in a string", at: position)
        }
        guard secondRange.contains(bytes[position + 1]) else {
            throw error("invalid UTF-8 sequence in a string", at: position)
        }
        for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[position + offset]) {
            throw error("invalid UTF-8 sequence in a string", at: position)
        }
        position += length
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONSyntaxError) {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") {
            position += 1
        }
        guard position < bytes.count, Self.isDigit(bytes[position]) else {
            throw error(position < bytes.count ? "a number with no digit after its minus sign" : "unexpected end of data in a number", at: position)
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, Self.isDigit(bytes[position]) {
                throw error("a number with a leading zero", at: start)
            }
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw error("a number with no digit after its decimal point", at: position)
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw error("a number with no digit in its exponent", at: position)
            }
            skipDigits()
        }
        appendScalar(isInteger ? .integer : .number, start: start, count: position - start)
    }

    private mutating func skipDigits() {
        while position < bytes.count, Self.isDigit(bytes[position]) {
            position += 1
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Whitespace and errors

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                position += 1
            default:
                return
            }
        }
    }

    private func error(_ reason: String, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(reason, at: offset, in: bytes)
    }

    private func describeByte(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte >= 0x21, byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte \(hex(byte))"
    }

    private func hex(_ value: some FixedWidthInteger) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        let width = value.bitWidth / 4
        return (value.bitWidth == 8 ? "0x" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
