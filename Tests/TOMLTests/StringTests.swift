import TOML
import Testing

@Suite struct StringTests {
    @Test func basicStringResolvesEveryEscape() throws {
        let value = try parseValue(#""\b\t\n\f\r\"\\ \u00E9 \U0001F600 \u0000""#)
        #expect(value.stringValue == "\u{8}\t\n\u{C}\r\"\\ é 😀 \u{0}")
        #expect(value.typeName == "string")
    }

    @Test func literalStringKeepsBackslashes() throws {
        #expect(try parseValue(#"'C:\Users\nodejs\templates'"#).stringValue == #"C:\Users\nodejs\templates"#)
        #expect(try parseValue("'<\\i\\c*\\s*>'").stringValue == "<\\i\\c*\\s*>")
        #expect(try parseValue("''").stringValue == "")
    }

    @Test func tabAndNonASCIIAreAllowedVerbatim() throws {
        #expect(try parseValue("\"a\tb 日本 😀\"").stringValue == "a\tb 日本 😀")
        #expect(try parseValue("'a\tb'").stringValue == "a\tb")
    }

    @Test func multilineBasicStringTrimsFirstNewlineAndNormalizesCRLF() throws {
        #expect(try parseValue("\"\"\"\nRoses\r\nViolets\"\"\"").stringValue == "Roses\nViolets")
        #expect(try parseValue("\"\"\"\r\n\nx\"\"\"").stringValue == "\nx")
    }

    @Test func lineEndingBackslashTrimsWhitespaceAndNewlines() throws {
        let text = "\"\"\"\nThe quick brown \\\n\n\n    fox jumps \\   \r\n   over.\\\n   \"\"\""
        #expect(try parseValue(text).stringValue == "The quick brown fox jumps over.")
    }

    @Test func multilineStringsAllowUpToTwoQuotesBeforeTheClosingDelimiter() throws {
        #expect(try parseValue("\"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"").stringValue
            == "Here are two quotation marks: \"\". Simple enough.")
        #expect(try parseValue("\"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"").stringValue
            == "\"This,\" she said, \"is just a pointless statement.\"")
        #expect(try parseValue("'''''That,'' she said.'''''").stringValue == "''That,'' she said.''")
        #expect(try parseValue("\"\"\"\"\"\"").stringValue == "")
        #expect(try parseValue("\"\"\"\"\"\"\"\"").stringValue == "\"\"")
    }

    @Test func multilineLiteralStringTakesEverythingVerbatim() throws {
        let text = "'''\nThe first newline is\ntrimmed in raw strings.\n   All other \\n whitespace\n"
            + "   is preserved.\n'''"
        #expect(try parseValue(text).stringValue
            == "The first newline is\ntrimmed in raw strings.\n   All other \\n whitespace\n   is preserved.\n")
    }

    @Test func invalidEscapesAreRejected() {
        expectError("a = \"\\q\"", line: 1, containing: "invalid escape sequence")
        expectError("a = \"\\x41\"", line: 1, containing: "invalid escape sequence")
        expectError("a = \"\\e\"", line: 1, containing: "invalid escape sequence")
        expectError("\n\na = \"\"\"\nok\n\\ x\"\"\"", line: 5, containing: "backslash followed by whitespace")
        expectError("a = '''\n'''\nb = \"\\u12\"", line: 3, containing: "exactly 4 hex digits")
    }

    @Test func surrogatesAndOutOfRangeScalarsAreRejected() {
        expectError("a = \"\\uD800\"", line: 1, containing: "not a Unicode scalar value")
        expectError("a = \"\\uDFFF\"", line: 1, containing: "U+DFFF")
        expectError("a = \"\\U00110000\"", line: 1, containing: "not a Unicode scalar value")
    }

    @Test func controlCharactersMustBeEscaped() {
        expectError("a = \"x\u{1}\"", line: 1, containing: "control character U+0001 must be escaped")
        expectError("a = 'x\u{7F}'", line: 1, containing: "U+007F")
        expectError("a = \"\"\"\nx\u{0}\"\"\"", line: 2, containing: "U+0000")
        expectError("a = '''\nx\ry'''", line: 2, containing: "carriage return")
    }

    @Test func unterminatedStringsReportTheirOpeningLine() {
        expectError("a = \"abc\nb = 1", line: 1, containing: "string is not closed")
        expectError("a = 'abc", line: 1, containing: "string is not closed")
        expectError("x = 1\na = \"\"\"abc\n\n", line: 2, containing: "multi-line string is not closed")
        expectError("a = '''abc''", line: 1, containing: "multi-line string is not closed")
    }

    @Test func tooManyQuotesAtTheEndAreRejected() {
        expectError("a = \"\"\"abc\"\"\"\"\"\"", line: 1, containing: "too many quotes")
        expectError("a = '''abc''''''", line: 1, containing: "too many quotes")
    }
}
