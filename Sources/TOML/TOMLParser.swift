/// A recursive-descent parser for TOML 1.0 that works on the document's UTF-8 bytes.
///
/// The parser builds a tree of ``TableNode``s that remember how each table was defined, so the
/// redefinition rules of the specification can be checked, and freezes it into ``TOMLTable``s at the end.
/// Aspects live in extensions: keys, strings, numbers, date-times, values and tables.
struct TOMLParser {
    /// How deeply tables and arrays may nest before the document is rejected.
    static let maximumNestingDepth = 100

    /// The document's UTF-8 encoding.
    let bytes: [UInt8]
    /// The offset of the next byte to read.
    var position = 0
    /// Turns byte offsets into lines and columns for values and errors.
    var tracker = LocationTracker()
    /// The document's top-level table.
    let root: TableNode
    /// The table that key/value lines are added to: the root or the last `[header]`.
    var currentTable: TableNode
    /// The number of the current `[header]` section; tables created by dotted keys remember it.
    var currentSection = 0
    /// The last section number handed out, to sections and inline tables alike.
    var lastSectionNumber = 0

    init(text: String) {
        bytes = Array(text.utf8)
        root = TableNode(state: .explicit, location: .documentStart, depth: 0)
        currentTable = root
    }

    /// Parses the whole document and returns its root table.
    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        while true {
            skipWhitespace()
            guard let byte = peek() else { break }
            switch byte {
            case .hash, .lineFeed, .carriageReturn:
                try finishLine(after: "a comment")
            case .openBracket:
                let header = try parseTableHeader()
                try finishLine(after: "table header \(header)")
            default:
                let key = try parseKeyValue()
                try finishLine(after: "the value of key '\(key.description)'")
            }
        }
        return root.frozen()
    }

    // MARK: - Reading bytes

    /// The byte `offset` bytes ahead, or `nil` past the end.
    func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    /// Whether the bytes at the current position are exactly `text`.
    func lookingAt(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return text.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
        }
    }

    /// The line and column of the byte at `offset`.
    mutating func location(at offset: Int) -> TOMLSourceLocation {
        tracker.location(of: offset, in: bytes)
    }

    /// An error at byte `offset`, or at the current position.
    mutating func error(_ message: String, at offset: Int? = nil) -> TOMLError {
        TOMLError(location: location(at: offset ?? position), message: message)
    }

    /// The character at `offset`, described for an error message: `'x'`, `end of line`, `end of input`...
    func describeCharacter(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        switch byte {
        case .lineFeed:
            return "end of line"
        case .carriageReturn:
            return offset + 1 < bytes.count && bytes[offset + 1] == .lineFeed ? "end of line" : "carriage return"
        case .tab:
            return "tab"
        case .space:
            return "space"
        case 0x21..<0x7F:
            return "'\(Character(Unicode.Scalar(byte)))'"
        case 0..<0x80:
            return "control character \(TOMLParser.codePointName(UInt32(byte)))"
        default:
            let end = min(offset + 4, bytes.count)
            let scalar = String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
            return "'\(scalar)' (\(TOMLParser.codePointName(scalar.value)))"
        }
    }

    /// A code point written as `U+00E9`.
    static func codePointName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// A new number for a section or inline table, used to scope tables created by dotted keys.
    mutating func makeSectionNumber() -> Int {
        lastSectionNumber += 1
        return lastSectionNumber
    }

    // MARK: - Whitespace, comments and newlines

    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while let byte = peek(), byte.isWhitespace {
            position += 1
        }
    }

    /// Skips a comment starting at `#`, up to but not including the line ending.
    mutating func skipComment() throws(TOMLError) {
        position += 1
        while let byte = peek(), byte != .lineFeed {
            if byte == .carriageReturn && peek(1) == .lineFeed {
                return
            }
            if byte.isForbiddenControl {
                let name = TOMLParser.codePointName(UInt32(byte))
                throw error("control character \(name) is not allowed in a comment; remove it")
            }
            position += 1
        }
    }

    /// Consumes `\n` or `\r\n` and returns `true`, or returns `false` if no line ending is here.
    mutating func consumeNewline() throws(TOMLError) -> Bool {
        switch peek() {
        case .lineFeed:
            position += 1
            return true
        case .carriageReturn:
            guard peek(1) == .lineFeed else {
                throw error("carriage return must be followed by a line feed; use \\n or \\r\\n line endings")
            }
            position += 2
            return true
        default:
            return false
        }
    }

    /// Skips whitespace, comments and line endings, as allowed between array elements.
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        while true {
            skipWhitespace()
            if peek() == .hash {
                try skipComment()
            }
            guard try consumeNewline() else { return }
        }
    }

    /// Accepts optional whitespace and a comment, then the end of the line or of the document.
    mutating func finishLine(after context: @autoclosure () -> String) throws(TOMLError) {
        skipWhitespace()
        if peek() == .hash {
            try skipComment()
        }
        guard peek() != nil else { return }
        guard try consumeNewline() else {
            let found = describeCharacter(at: position)
            throw error("unexpected \(found) after \(context()); expected a comment or the end of the line")
        }
    }
}
