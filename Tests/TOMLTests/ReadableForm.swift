import TOML

/// Renders parsed TOML compactly for test expectations: `{a = 1, b = [true, "x"]}`, keys in document order.
enum ReadableForm {
    static func render(_ table: TOMLTable) -> String {
        "{" + table.entries.map { "\($0.key) = \(render($0.value))" }.joined(separator: ", ") + "}"
    }

    static func render(_ value: TOMLValue) -> String {
        switch value.kind {
        case .string(let string): "\"\(string)\""
        case .integer(let integer): "\(integer)"
        case .float(let float): "\(float)"
        case .boolean(let boolean): "\(boolean)"
        case .offsetDateTime(let dateTime), .localDateTime(let dateTime): dateTime.description
        case .localDate(let date): date.description
        case .localTime(let time): time.description
        case .array(let elements): "[" + elements.map { render($0) }.joined(separator: ", ") + "]"
        case .table(let table): render(table)
        }
    }
}
