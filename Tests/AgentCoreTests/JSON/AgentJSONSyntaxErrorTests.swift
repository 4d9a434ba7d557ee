import AgentCore
import Testing

/// Documents that are not JSON: `AgentJSON.decode` refuses each with `dataCorrupted` saying what
/// and where, and Foundation refuses them too.
@Suite struct AgentJSONSyntaxErrorTests {
    @Test(arguments: [
        ("", "unexpected end of data"),
        ("   ", "unexpected end of data"),
        (#"{"a":1"#, "unexpected end of data in an object"),
        (#"[1,2"#, "unexpected end of data in an array"),
        (#""abc"#, "unexpected end of data in the string"),
        (#"tru"#, "unexpected end of data in the literal true"),
        (#"nul"#, "unexpected end of data in the literal null"),
        (#"["\x"]"#, "invalid escape"),
        (#"["\u12G4"]"#, "invalid hex digit"),
        (#"["\u12"]"#, "invalid hex digit character '\"' in a \\u escape"),
        (#"["\ud800"]"#, #"high surrogate \uD800 not followed by a low surrogate"#),
        (#"["\ud800\u0041"]"#, "not a low surrogate"),
        (#"["\udc00"]"#, "lone low surrogate"),
        ("01", "leading zero"),
        ("[-01]", "leading zero"),
        ("-", "unexpected end of data in a number"),
        ("[-]", "no digit after its minus sign"),
        ("1.", "no digit after its decimal point"),
        ("[1.e5]", "no digit after its decimal point"),
        (".5", "unexpected character '.'"),
        ("+1", "unexpected character '+'"),
        ("1e", "no digit in its exponent"),
        ("1e+", "no digit in its exponent"),
        ("NaN", "unexpected character 'N'"),
        ("Infinity", "unexpected character 'I'"),
        ("[\"a\nb\"]", "unescaped control character 0x0A in a string"),
        ("[\"a\u{0}b\"]", "unescaped control character 0x00 in a string"),
        ("[1] x", "unexpected character 'x' after the top-level value"),
        ("1 2", "unexpected character '2' after the top-level value"),
        (#"{"a" 1}"#, "where a colon was expected"),
        (#"{a:1}"#, "where a key in quotes was expected"),
        (#"{"a":1,,}"#, "where a key in quotes was expected"),
        (#"{,}"#, "where a key in quotes was expected"),
        (#"[1,,]"#, "unexpected character ',' where a value was expected"),
        (#"[,]"#, "unexpected character ',' where a value was expected"),
        (#"[1,]]"#, "unexpected character ']' after the top-level value"),
        (#"[1 2]"#, "where a comma or ] was expected"),
        (#"{"a":1 "b":2}"#, "where a comma or } was expected"),
        ("[true false]", "where a comma or ] was expected"),
        ("[trUe]", "in the literal true"),
        ("'a'", "unexpected character '''"),
        ("/* */ 1", "unexpected character '/'"),
    ])
    func malformedDocumentsAreRefused(document: String, reason: String) throws {
        try expectRefused(Array(document.utf8), saying: reason)
    }

    @Test(arguments: [
        ([0x22, 0xC3, 0x28, 0x22], "invalid UTF-8 sequence"),  // a lead byte, then no continuation
        ([0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 byte 0xC0"),  // overlong "/"
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 sequence"),  // an encoded surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 sequence"),  // past U+10FFFF
        ([0x22, 0xE2, 0x82, 0x22], "invalid UTF-8 sequence"),  // cut short
        ([0x22, 0x80, 0x22], "invalid UTF-8 byte 0x80"),  // a lone continuation byte
        ([0x22, 0xFF, 0x22], "invalid UTF-8 byte 0xFF"),
        ([0x5B, 0x31, 0x5D, 0x80], "unexpected byte 0x80 after the top-level value"),
    ] as [([UInt8], String)])
    func invalidUTF8IsRefused(document: [UInt8], reason: String) throws {
        try expectRefused(document, saying: reason)
    }

    @Test func nestingIsLimitedTo512() throws {
        let deepest = Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8)
        #expect(throws: Never.self) { try AgentJSON.decode(JSONValue.self, from: deepest) }
        #expect(throws: Never.self) { try FoundationJSON.decode(JSONValue.self, from: deepest) }
        let tooDeep = Array((String(repeating: "[", count: 513) + String(repeating: "]", count: 513)).utf8)
        try expectRefused(tooDeep, saying: "nested more than 512 deep")
        let objects = Array((String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513)).utf8)
        try expectRefused(objects, saying: "nested more than 512 deep")
    }

    @Test func theErrorSaysWhere() throws {
        do {
            _ = try AgentJSON.decode(JSONValue.self, from: Array("{\n  \"a\": [1,\n    02]\n}".utf8))
            Issue.record("decoded")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == "The given data was not valid JSON: a number with a leading zero at line 3, column 5 (byte 17)")
        }
    }

    /// Foundation's leniency, kept: one comma after the last element or member.
    @Test func aTrailingCommaIsAllowedAsByFoundation() throws {
        #expect(try AgentJSON.decode([Int].self, from: Array("[1, 2 ,\n]".utf8)) == [1, 2])
        #expect(try FoundationJSON.decode([Int].self, from: Array("[1, 2 ,\n]".utf8)) == [1, 2])
        #expect(try AgentJSON.decode([String: Int].self, from: Array(#"{"a":1 , }"#.utf8)) == ["a": 1])
        #expect(try FoundationJSON.decode([String: Int].self, from: Array(#"{"a":1 , }"#.utf8)) == ["a": 1])
    }

    @Test func whitespaceAndAByteOrderMarkAreAllowed() throws {
        #expect(try AgentJSON.decode(Int.self, from: Array(" \t\r\n 7 \n".utf8)) == 7)
        #expect(try AgentJSON.decode([Int].self, from: [0xEF, 0xBB, 0xBF] + Array("[7]".utf8)) == [7])
        #expect(try FoundationJSON.decode([Int].self, from: [0xEF, 0xBB, 0xBF] + Array("[7]".utf8)) == [7])
    }

    private func expectRefused(_ document: [UInt8], saying reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if let value = try? FoundationJSON.decode(JSONValue.self, from: document) {
            Issue.record("Foundation accepts \(text(document)) as \(value)", sourceLocation: sourceLocation)
        }
        do {
            let value = try AgentJSON.decode(JSONValue.self, from: document)
            Issue.record("\(text(document)) decoded as \(value)", sourceLocation: sourceLocation)
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.isEmpty, sourceLocation: sourceLocation)
            #expect(context.debugDescription.contains(reason), "\(context.debugDescription)", sourceLocation: sourceLocation)
            #expect(context.debugDescription.contains("byte"), sourceLocation: sourceLocation)
        }
    }
}
