extension TOMLParser {
    /// Parses a single-line basic string `"..."` with escapes; the current byte is the opening quote.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = position
        position += 1
        var content: [UInt8] = []
        while true {
            guard let byte = peek(), byte != .lineFeed, byte != .carriageReturn else {
                throw error("string is not closed; add '\"' before the end of the line", at: start)
            }
            switch byte {
            case .quote:
                position += 1
                return String(decoding: content, as: UTF8.self)
            case .backslash:
                try parseEscape(into: &content)
            default:
                try checkStringCharacter(byte)
                content.append(byte)
                position += 1
            }
        }
    }

    /// Parses a single-line literal string `'...'`, taken verbatim; the current byte is the opening quote.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = position
        position += 1
        let contentStart = position
        while true {
            guard let byte = peek(), byte != .lineFeed, byte != .carriageReturn else {
                throw error("string is not closed; add \"'\" before the end of the line", at: start)
            }
            if byte == .apostrophe {
                position += 1
                return String(decoding: bytes[contentStart..<(position - 1)], as: UTF8.self)
            }
            try checkStringCharacter(byte)
            position += 1
        }
    }

    /// Parses a multi-line string delimited by three `delimiter`s (`"""` or `'''`).
    ///
    /// A newline right after the opening delimiter is dropped, CRLF becomes LF, and up to two delimiter
    /// characters may directly precede the closing delimiter. Escapes apply only to basic strings.
    mutating func parseMultilineString(delimiter: UInt8) throws(TOMLError) -> String {
        let start = position
        let isBasic = delimiter == .quote
        position += 3
        _ = try consumeNewline()
        var content: [UInt8] = []
        while true {
            guard let byte = peek() else {
                let closing = isBasic ? "\"\"\"" : "'''"
                throw error("multi-line string is not closed; add \(closing) to end it", at: start)
            }
            switch byte {
            case delimiter:
                var run = 0
                while peek(run) == delimiter {
                    run += 1
                }
                if run < 3 {
                    content.append(contentsOf: repeatElement(delimiter, count: run))
                    position += run
                } else if run <= 5 {
                    content.append(contentsOf: repeatElement(delimiter, count: run - 3))
                    position += run
                    return String(decoding: content, as: UTF8.self)
                } else {
                    throw error(
                        "too many quotes at the end of a multi-line string; escape them or use another string form",
                        at: position + 5
                    )
                }
            case .backslash where isBasic:
                if try skipLineEndingBackslash() {
                    continue
                }
                try parseEscape(into: &content)
            case .lineFeed, .carriageReturn:
                _ = try consumeNewline()
                content.append(.lineFeed)
            default:
                try checkStringCharacter(byte)
                content.append(byte)
                position += 1
            }
        }
    }

    /// Skips a backslash that ends a line in a multi-line basic string, plus all whitespace and
    /// newlines after it. Returns `false`, consuming nothing, if the backslash starts a normal escape.
    mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var offset = 1
        while let byte = peek(offset), byte.isWhitespace {
            offset += 1
        }
        guard let next = peek(offset), next == .lineFeed || next == .carriageReturn else {
            if offset > 1 {
                throw error("a backslash followed by whitespace must end the line; remove the whitespace or "
                    + "escape the backslash as \\\\")
            }
            return false
        }
        position += offset
        while true {
            skipWhitespace()
            guard try consumeNewline() else { return true }
        }
    }

    /// Parses an escape sequence starting at a backslash and appends the character it stands for.
    mutating func parseEscape(into content: inout [UInt8]) throws(TOMLError) {
        let start = position
        guard let code = peek(1) else {
            throw error("string is not closed; a backslash at the end of the input escapes nothing", at: start)
        }
        position += 2
        switch code {
        case UInt8(ascii: "b"): content.append(0x08)
        case UInt8(ascii: "t"): content.append(.tab)
        case UInt8(ascii: "n"): content.append(.lineFeed)
        case UInt8(ascii: "f"): content.append(0x0C)
        case UInt8(ascii: "r"): content.append(.carriageReturn)
        case .quote: content.append(.quote)
        case .backslash: content.append(.backslash)
        case UInt8(ascii: "u"): try parseUnicodeEscape(digitCount: 4, start: start, into: &content)
        case UInt8(ascii: "U"): try parseUnicodeEscape(digitCount: 8, start: start, into: &content)
        default:
            let found = describeCharacter(at: start + 1)
            throw error(
                "invalid escape sequence: backslash followed by \(found); valid escapes are \\b \\t \\n \\f \\r "
                    + "\\\" \\\\ \\uXXXX \\UXXXXXXXX (write \\\\ for a backslash)",
                at: start
            )
        }
    }

    /// Parses the hex digits of `\uXXXX` or `\UXXXXXXXX` and appends the scalar's UTF-8 encoding.
    private mutating func parseUnicodeEscape(
        digitCount: Int, start: Int, into content: inout [UInt8]
    ) throws(TOMLError) {
        var value: UInt32 = 0
        for _ in 0..<digitCount {
            guard let digit = peek()?.digitValue(radix: 16) else {
                throw error("escape \\\(digitCount == 4 ? "u" : "U") needs exactly \(digitCount) hex digits", at: start)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            let name = TOMLParser.codePointName(value)
            throw error("escape for \(name) is not a Unicode scalar value (surrogates and values above "
                + "U+10FFFF are not allowed)", at: start)
        }
        content.append(contentsOf: String(scalar).utf8)
    }

    /// Rejects control characters other than tab inside a string.
    private mutating func checkStringCharacter(_ byte: UInt8) throws(TOMLError) {
        if byte.isForbiddenControl {
            let name = TOMLParser.codePointName(UInt32(byte))
            throw error("control character \(name) must be escaped in a string, for example as \\u"
                + name.dropFirst(2))
        }
    }
}
