/// A parsed TOML 1.0 document.
///
/// ```swift
/// let document = try TOMLDocument(parsing: "port = 8080\n")
/// let port = document.root["port"]?.integerValue   // 8080, defined at line 1, column 1
/// ```
public struct TOMLDocument: Sendable {
    /// The document's top-level table.
    public let root: TOMLTable

    /// Parses `text` as TOML 1.0.
    ///
    /// Parsing is strict: any syntax error, duplicate key or table redefinition throws a ``TOMLError``
    /// with the line and column of the problem. Arrays and tables nested more than
    /// ``maximumNestingDepth`` levels deep are rejected rather than risking the stack.
    public init(parsing text: String) throws(TOMLError) {
        var parser = TOMLParser(text: text)
        root = try parser.parseDocument()
    }

    /// How deeply tables and arrays may nest; deeper documents are rejected with an error.
    public static let maximumNestingDepth = TOMLParser.maximumNestingDepth
}
