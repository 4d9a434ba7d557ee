import TOML
import Testing

/// Parses `text` and returns the root table; a parse error fails the calling test.
func parse(_ text: String) throws -> TOMLTable {
    try TOMLDocument(parsing: text).root
}

/// Parses `key = <valueText>` and returns the value of `key`.
func parseValue(_ valueText: String) throws -> TOMLValue {
    try #require(try parse("key = " + valueText)["key"])
}

/// The error that parsing `text` throws, or `nil` after recording an issue if `text` parses.
func parseError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> TOMLError? {
    do {
        _ = try TOMLDocument(parsing: text)
        Issue.record("expected a parse error for:\n\(text)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Checks that parsing `text` fails on `line` with a message containing `fragment`.
func expectError(
    _ text: String, line: Int, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error = parseError(text, sourceLocation: sourceLocation) else { return }
    #expect(error.location.line == line, "wrong line for: \(error)", sourceLocation: sourceLocation)
    #expect(error.message.contains(fragment), "message lacks '\(fragment)': \(error)", sourceLocation: sourceLocation)
}
