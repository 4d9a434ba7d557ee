extension TOMLParser {
    /// Parses `key = value` at the current position into the current section's table, and returns the key.
    mutating func parseKeyValue() throws(TOMLError) -> DottedKey {
        let key = try parseDottedKey()
        skipWhitespace()
        guard peek() == .equals else {
            throw error("expected '=' after key '\(key.description)', found \(describeCharacter(at: position))")
        }
        position += 1
        skipWhitespace()
        let value = try parseValue(definedAt: key.last.location, depth: currentTable.depth + key.segments.count)
        try insert(value, at: key, into: currentTable, section: currentSection)
        return key
    }

    /// Parses the value at the current position.
    ///
    /// - Parameters:
    ///   - location: Where the key or array element that defines the value is.
    ///   - depth: How many tables and arrays enclose the value.
    mutating func parseValue(definedAt location: TOMLSourceLocation, depth: Int) throws(TOMLError) -> TOMLValue {
        guard let byte = peek() else {
            throw error("expected a value, found end of input")
        }
        let kind: TOMLValue.Kind
        switch byte {
        case .quote:
            kind = .string(lookingAt("\"\"\"") ? try parseMultilineString(delimiter: .quote) : try parseBasicString())
        case .apostrophe:
            let isMultiline = lookingAt("'''")
            kind = .string(isMultiline ? try parseMultilineString(delimiter: .apostrophe) : try parseLiteralString())
        case .openBracket:
            kind = .array(try parseArray(depth: depth))
        case .openBrace:
            kind = .table(try parseInlineTable(depth: depth))
        case UInt8(ascii: "t") where lookingAt("true"):
            position += 4
            kind = .boolean(true)
        case UInt8(ascii: "f") where lookingAt("false"):
            position += 5
            kind = .boolean(false)
        case UInt8(ascii: "i") where lookingAt("inf"), UInt8(ascii: "n") where lookingAt("nan"), .plus, .minus:
            kind = try parseNumber()
        case _ where byte.isDigit:
            if isAtDate {
                kind = try parseDateOrDateTime()
            } else if isAtTime {
                kind = try parseLocalTime()
            } else {
                kind = try parseNumber()
            }
        case _ where byte.isLetter:
            let start = position
            while let next = peek(), next.isBareKeyCharacter {
                position += 1
            }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            throw error("invalid value '\(word)': strings must be quoted, as in \"\(word)\", and booleans are "
                + "lowercase true or false", at: start)
        default:
            throw error("expected a value, found \(describeCharacter(at: position))")
        }
        return TOMLValue(kind: kind, location: location)
    }

    /// Rejects arrays and tables nested deeper than ``maximumNestingDepth``.
    func checkNesting(_ depth: Int, at location: TOMLSourceLocation) throws(TOMLError) {
        guard depth <= TOMLParser.maximumNestingDepth else {
            throw TOMLError(location: location, message: "tables and arrays are nested more than "
                + "\(TOMLParser.maximumNestingDepth) levels deep; flatten the document")
        }
    }

    /// Parses `[ ... ]`: values separated by commas, with an optional trailing comma, where whitespace,
    /// newlines and comments may appear between the tokens.
    private mutating func parseArray(depth: Int) throws(TOMLError) -> [TOMLValue] {
        let start = position
        try checkNesting(depth, at: location(at: start))
        position += 1
        var elements: [TOMLValue] = []
        while true {
            try skipWhitespaceCommentsAndNewlines()
            switch peek() {
            case .closeBracket:
                position += 1
                return elements
            case nil:
                throw error("array is not closed; add ']'", at: start)
            default:
                break
            }
            elements.append(try parseValue(definedAt: location(at: position), depth: depth + 1))
            try skipWhitespaceCommentsAndNewlines()
            switch peek() {
            case .comma:
                position += 1
            case .closeBracket:
                position += 1
                return elements
            case nil:
                throw error("array is not closed; add ']'", at: start)
            default:
                throw error("expected ',' or ']' after an array element, found \(describeCharacter(at: position))")
            }
        }
    }

    /// Parses `{ key = value, ... }` on a single line, without a trailing comma.
    private mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLTable {
        let start = position
        let table = TableNode(state: .explicit, location: location(at: start), depth: depth)
        try checkNesting(depth, at: table.location)
        let section = makeSectionNumber()
        position += 1
        skipWhitespace()
        if peek() == .closeBrace {
            position += 1
            return table.frozen()
        }
        while true {
            skipWhitespace()
            try checkInlineTableContinues(start: start)
            let key = try parseDottedKey()
            skipWhitespace()
            guard peek() == .equals else {
                throw error("expected '=' after key '\(key.description)', found \(describeCharacter(at: position))")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue(definedAt: key.last.location, depth: depth + key.segments.count)
            try insert(value, at: key, into: table, section: section)
            skipWhitespace()
            switch peek() {
            case .comma:
                position += 1
                skipWhitespace()
                if peek() == .closeBrace {
                    throw error("a trailing comma is not allowed in an inline table; remove it")
                }
            case .closeBrace:
                position += 1
                return table.frozen()
            default:
                try checkInlineTableContinues(start: start)
                throw error("expected ',' or '}' after the value of key '\(key.description)' in an inline table, "
                    + "found \(describeCharacter(at: position))")
            }
        }
    }

    /// Reports an inline table that runs into a line ending or the end of the input.
    private mutating func checkInlineTableContinues(start: Int) throws(TOMLError) {
        switch peek() {
        case nil:
            throw error("inline table is not closed; add '}'", at: start)
        case .lineFeed, .carriageReturn:
            throw error("an inline table must be on a single line; close it with '}' on this line "
                + "or use a [table] section instead")
        default:
            break
        }
    }
}
