/// A value in a TOML document, together with the place that defines it.
public struct TOMLValue: Sendable {
    /// The type and content of a value.
    public enum Kind: Sendable {
        /// A string of any of the four TOML string forms, with escapes resolved.
        case string(String)
        /// A 64-bit signed integer, written in decimal, hexadecimal, octal or binary.
        case integer(Int64)
        /// An IEEE 754 binary64 number, including `inf` and `nan`.
        case float(Double)
        /// `true` or `false`.
        case boolean(Bool)
        /// A date and time at a fixed offset from UTC.
        case offsetDateTime(TOMLDateTime)
        /// A date and time without an offset.
        case localDateTime(TOMLDateTime)
        /// A date without a time.
        case localDate(TOMLDate)
        /// A time of day without a date.
        case localTime(TOMLTime)
        /// An array, from `[...]` or from `[[array.of.tables]]` headers.
        case array([TOMLValue])
        /// A table, from a `[header]`, dotted keys or an inline `{...}` table.
        case table(TOMLTable)
    }

    /// The type and content of the value.
    public let kind: Kind

    /// Where the value is defined.
    ///
    /// This is the key that defines the value; for an array element, where the element starts; for an
    /// element of an `[[array.of.tables]]`, its header; for a table that was only created implicitly
    /// (the `a` in `[a.b]`), the place that first created it.
    public let location: TOMLSourceLocation

    /// Creates a value of `kind` defined at `location`.
    public init(kind: Kind, location: TOMLSourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The name of the value's type for error messages: "string", "integer", "float", "boolean",
    /// "datetime", "date", "time", "array" or "table".
    public var typeName: String {
        switch kind {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .offsetDateTime, .localDateTime: "datetime"
        case .localDate: "date"
        case .localTime: "time"
        case .array: "array"
        case .table: "table"
        }
    }
}
