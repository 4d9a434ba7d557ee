extension TOMLParser {
    /// Parses a `[table]` or `[[array.of.tables]]` header, makes its table current, and returns the
    /// header as written for messages.
    mutating func parseTableHeader() throws(TOMLError) -> String {
        let isArray = peek(1) == .openBracket
        position += isArray ? 2 : 1
        skipWhitespace()
        let key = try parseDottedKey()
        skipWhitespace()
        let header = isArray ? "[[\(key.description)]]" : "[\(key.description)]"
        guard peek() == .closeBracket, !isArray || peek(1) == .closeBracket else {
            let closing = isArray ? "']]'" : "']'"
            throw error("expected \(closing) to close table header \(header), found \(describeCharacter(at: position))")
        }
        position += isArray ? 2 : 1
        var parent = root
        for index in 0..<(key.segments.count - 1) {
            parent = try headerParent(for: key, at: index, in: parent, header: header)
        }
        let segment = key.last
        currentSection = makeSectionNumber()
        if isArray {
            currentTable = try appendArrayElement(named: segment, in: parent, header: header)
        } else {
            currentTable = try defineTable(named: segment, in: parent, header: header)
        }
        return header
    }

    /// Returns the table a header continues into for one of its parent keys, creating it implicitly
    /// if needed. An array of tables continues into its last element.
    private mutating func headerParent(
        for key: DottedKey, at index: Int, in parent: TableNode, header: String
    ) throws(TOMLError) -> TableNode {
        let segment = key.segments[index]
        switch parent.entry(named: segment.name) {
        case nil:
            try checkNesting(parent.depth + 1, at: segment.location)
            let table = TableNode(state: .implicit, location: segment.location, depth: parent.depth + 1)
            parent.add(.table(table), named: segment.name)
            return table
        case .table(let table):
            return table
        case .tableArray(let array):
            return array.elements[array.elements.count - 1]
        case .value(let value):
            let path = key.prefixDescription(index + 1)
            let line = value.location.line
            let reason = if case .table = value.kind {
                "is an inline table (defined on line \(line)), and inline tables cannot be extended"
            } else {
                "is \(TOMLParser.describe(value)) defined on line \(line), not a table"
            }
            throw TOMLError(location: segment.location, message: "cannot define \(header): '\(path)' \(reason)")
        }
    }

    /// Defines the table named by a `[header]`; it may exist only if a header created it implicitly.
    private mutating func defineTable(
        named segment: DottedKey.Segment, in parent: TableNode, header: String
    ) throws(TOMLError) -> TableNode {
        let message: String
        switch parent.entry(named: segment.name) {
        case nil:
            try checkNesting(parent.depth + 1, at: segment.location)
            let table = TableNode(state: .explicit, location: segment.location, depth: parent.depth + 1)
            parent.add(.table(table), named: segment.name)
            return table
        case .table(let table) where table.state == .implicit:
            table.state = .explicit
            table.location = segment.location
            return table
        case .table(let table) where table.state == .explicit:
            message = "table \(header) is defined twice (first defined on line \(table.location.line)); "
                + "merge the two sections"
        case .table(let table):
            message = "table \(header) was already defined with dotted keys on line \(table.location.line); "
                + "a table cannot be defined twice"
        case .tableArray(let array):
            message = "cannot define \(header): it is an array of tables (first defined on line "
                + "\(array.location.line)); use [\(header)] to add an element"
        case .value(let value):
            message = "cannot define \(header): the key is already \(TOMLParser.describe(value)) "
                + "defined on line \(value.location.line)"
        }
        throw TOMLError(location: segment.location, message: message)
    }

    /// Adds an element to the array of tables named by a `[[header]]`, creating the array if needed.
    private mutating func appendArrayElement(
        named segment: DottedKey.Segment, in parent: TableNode, header: String
    ) throws(TOMLError) -> TableNode {
        let message: String
        switch parent.entry(named: segment.name) {
        case nil:
            try checkNesting(parent.depth + 2, at: segment.location)
            let array = TableArrayNode(location: segment.location, depth: parent.depth + 1)
            parent.add(.tableArray(array), named: segment.name)
            return array.appendElement(at: segment.location)
        case .tableArray(let array):
            return array.appendElement(at: segment.location)
        case .table(let table):
            message = "cannot define array of tables \(header): a table with that name was already defined on "
                + "line \(table.location.line)"
        case .value(let value):
            if case .array = value.kind {
                message = "cannot append to static array with \(header): the array was defined with '=' on line "
                    + "\(value.location.line); an array is either written inline or built with [[...]] headers"
            } else {
                message = "cannot define array of tables \(header): the key is already "
                    + "\(TOMLParser.describe(value)) defined on line \(value.location.line)"
            }
        }
        throw TOMLError(location: segment.location, message: message)
    }

    /// A value's type with an article, for messages: "an integer", "an inline table".
    static func describe(_ value: TOMLValue) -> String {
        switch value.kind {
        case .table: "an inline table"
        case .array: "an array"
        case .integer: "an integer"
        default: "a \(value.typeName)"
        }
    }
}
