extension TOMLParser {
    /// Stores `value` under the dotted `key` relative to `table`, creating intermediate tables.
    ///
    /// Dotted keys may only extend tables that dotted keys of the same section (or inline table)
    /// created, or tables that headers created implicitly; tables from headers, inline tables,
    /// arrays and other values cannot be extended.
    mutating func insert(
        _ value: TOMLValue, at key: DottedKey, into table: TableNode, section: Int
    ) throws(TOMLError) {
        var current = table
        for index in 0..<(key.segments.count - 1) {
            let segment = key.segments[index]
            switch current.entry(named: segment.name) {
            case nil:
                try checkNesting(current.depth + 1, at: segment.location)
                let child = TableNode(state: .dotted(section: section), location: segment.location,
                    depth: current.depth + 1)
                current.add(.table(child), named: segment.name)
                current = child
            case .table(let child) where child.state == .implicit || child.state == .dotted(section: section):
                child.state = .dotted(section: section)
                current = child
            case let existing?:
                throw dottedKeyConflict(key, prefixLength: index + 1, existing: existing)
            }
        }
        let last = key.last
        if let existing = current.entry(named: last.name) {
            throw TOMLError(location: last.location, message: "duplicate key '\(key.description)' (first defined "
                + "on line \(existing.location.line))")
        }
        current.add(.value(value), named: last.name)
    }

    /// The error for a dotted key whose first `prefixLength` parts name something it may not extend.
    private func dottedKeyConflict(_ key: DottedKey, prefixLength: Int, existing: TableNode.Entry) -> TOMLError {
        let path = key.prefixDescription(prefixLength)
        let line = existing.location.line
        let problem: String
        switch existing {
        case .table(let table) where table.state == .explicit:
            problem = "table '\(path)' was defined by a [header] on line \(line); add the key in that section instead"
        case .table:
            problem = "table '\(path)' was defined with dotted keys in another section (line \(line)); "
                + "a table cannot be defined twice"
        case .tableArray:
            problem = "'\(path)' is an array of tables (defined on line \(line))"
        case .value(let value):
            if case .table = value.kind {
                problem = "'\(path)' is an inline table (defined on line \(line)), and inline tables cannot be extended"
            } else {
                problem = "'\(path)' is already \(TOMLParser.describe(value)) defined on line \(line), not a table"
            }
        }
        return TOMLError(location: key.segments[prefixLength - 1].location,
            message: "cannot add key '\(key.description)': " + problem)
    }
}
