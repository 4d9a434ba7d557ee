/// A TOML table: keys in document order, each mapped to a located value.
public struct TOMLTable: Sendable {
    /// The keys in the order the document defines them.
    public let keys: [String]
    /// Where the table is defined: its header, its first dotted key, the `{` of an inline table,
    /// or line 1, column 1 for the root table.
    public let location: TOMLSourceLocation
    private let valuesByKey: [ExactKey: TOMLValue]

    /// Creates a table from keys in order and their values; each key must have a value.
    init(keys: [String], valuesByKey: [ExactKey: TOMLValue], location: TOMLSourceLocation) {
        self.keys = keys
        self.valuesByKey = valuesByKey
        self.location = location
    }

    /// The value for `key`, or `nil` if the table has no such key.
    ///
    /// Keys match by exact Unicode scalars, as in TOML: "é" and "e\u{301}" are different keys.
    public subscript(key: String) -> TOMLValue? {
        valuesByKey[ExactKey(key)]
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the table has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// The keys and their values in document order.
    public var entries: [(key: String, value: TOMLValue)] {
        keys.compactMap { key in valuesByKey[ExactKey(key)].map { (key, $0) } }
    }
}
