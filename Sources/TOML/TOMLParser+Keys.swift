extension TOMLParser {
    /// Parses a possibly dotted key such as `a."b c".d`, allowing whitespace around the dots.
    mutating func parseDottedKey() throws(TOMLError) -> DottedKey {
        var segments = [try parseSimpleKey()]
        while true {
            skipWhitespace()
            guard peek() == .period else { break }
            position += 1
            skipWhitespace()
            segments.append(try parseSimpleKey())
        }
        return DottedKey(segments: segments)
    }

    /// Parses one bare, basic-quoted or literal-quoted key.
    mutating func parseSimpleKey() throws(TOMLError) -> DottedKey.Segment {
        let start = position
        let location = location(at: start)
        guard let byte = peek() else {
            throw error("expected a key, found end of input")
        }
        let name: String
        switch byte {
        case .quote:
            if lookingAt("\"\"\"") {
                throw error("a multi-line string cannot be a key; use \"key\" or 'key'")
            }
            name = try parseBasicString()
        case .apostrophe:
            if lookingAt("'''") {
                throw error("a multi-line string cannot be a key; use \"key\" or 'key'")
            }
            name = try parseLiteralString()
        case _ where byte.isBareKeyCharacter:
            while let next = peek(), next.isBareKeyCharacter {
                position += 1
            }
            name = String(decoding: bytes[start..<position], as: UTF8.self)
        default:
            let found = describeCharacter(at: start)
            throw error(
                "expected a key, found \(found); bare keys may only contain A-Z, a-z, 0-9, '_' and '-', "
                    + "quote other keys"
            )
        }
        return DottedKey.Segment(name: name, location: location)
    }
}
