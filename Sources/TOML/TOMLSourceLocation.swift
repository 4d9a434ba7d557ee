/// A position in a TOML document, counted from 1.
///
/// Columns count Unicode scalars from the start of the line, so a position after a multi-byte
/// character matches what an editor shows.
public struct TOMLSourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public let line: Int
    /// The 1-based column, in Unicode scalars from the start of the line.
    public let column: Int

    /// Creates a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The location of the first character of a document, where the root table lives.
    public static let documentStart = TOMLSourceLocation(line: 1, column: 1)

    /// Orders locations by line, then by column.
    public static func < (lhs: TOMLSourceLocation, rhs: TOMLSourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// The location as `line 3, column 7`.
    public var description: String {
        "line \(line), column \(column)"
    }
}
