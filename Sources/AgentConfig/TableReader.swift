import TOML

/// Reads typed values out of one TOML table, remembering which keys it read so that unknown
/// keys (typos) are reported with their line instead of being ignored.
struct TableReader {
    let table: TOMLTable
    /// The dotted path of this table, such as `devices` or `devices.static[1]`.
    let path: String
    let file: String?
    private var readKeys: Set<String> = []

    init(table: TOMLTable, path: String, file: String?) {
        self.table = table
        self.path = path
        self.file = file
    }

    /// The dotted name of `key` in this table.
    func fullKey(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error about `key`, at its line (or the table's).
    func error(_ key: String?, _ message: String) -> ConfigurationError {
        let line = key.flatMap { table[$0]?.location.line } ?? (path.isEmpty ? nil : table.location.line)
        return ConfigurationError(file: file, line: line, key: key.map(fullKey) ?? (path.isEmpty ? nil : path), message: message)
    }

    mutating func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = take(key) else { return nil }
        guard case .string(let text) = value.kind else { throw typeError(key, expected: "a string", value) }
        return text
    }

    mutating func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = take(key) else { return nil }
        guard case .boolean(let flag) = value.kind else { throw typeError(key, expected: "true or false", value) }
        return flag
    }

    /// A string that must be an absolute path.
    mutating func path(_ key: String) throws(ConfigurationError) -> String? {
        guard let text = try string(key) else { return nil }
        guard text.hasPrefix("/") else { throw error(key, "must be an absolute path") }
        return text
    }

    mutating func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = take(key) else { return nil }
        guard case .array(let elements) = value.kind else { throw typeError(key, expected: "an array of strings", value) }
        var texts: [String] = []
        for element in elements {
            guard case .string(let text) = element.kind else {
                throw typeError(key, expected: "an array of strings", element)
            }
            texts.append(text)
        }
        return texts
    }

    mutating func integer(_ key: String) throws(ConfigurationError) -> Int64? {
        guard let value = take(key) else { return nil }
        guard case .integer(let number) = value.kind else { throw typeError(key, expected: "an integer", value) }
        return number
    }

    mutating func number(_ key: String) throws(ConfigurationError) -> Double? {
        guard let value = take(key) else { return nil }
        switch value.kind {
        case .integer(let number): return Double(number)
        case .float(let number): return number
        default: throw typeError(key, expected: "a number", value)
        }
    }

    /// The value of `key` as it is, for keys that accept several types.
    mutating func raw(_ key: String) -> TOMLValue? { take(key) }

    mutating func subtable(_ key: String) throws(ConfigurationError) -> TableReader? {
        guard let value = take(key) else { return nil }
        guard case .table(let inner) = value.kind else { throw typeError(key, expected: "a table", value) }
        return TableReader(table: inner, path: fullKey(key), file: file)
    }

    mutating func arrayOfTables(_ key: String) throws(ConfigurationError) -> [TableReader]? {
        guard let value = take(key) else { return nil }
        guard case .array(let elements) = value.kind else { throw typeError(key, expected: "an array of tables", value) }
        var readers: [TableReader] = []
        for (index, element) in elements.enumerated() {
            guard case .table(let inner) = element.kind else {
                throw typeError(key, expected: "an array of tables ([[\(fullKey(key))]])", element)
            }
            readers.append(TableReader(table: inner, path: "\(fullKey(key))[\(index)]", file: file))
        }
        return readers
    }

    /// Fails on the first key of this table that was never read.
    func rejectUnknownKeys(known: [String]) throws(ConfigurationError) {
        for key in table.keys where !readKeys.contains(key) {
            throw error(key, "unknown key; the keys of [\(path.isEmpty ? "top level" : path)] are \(known.joined(separator: ", "))")
        }
    }

    private mutating func take(_ key: String) -> TOMLValue? {
        readKeys.insert(key)
        return table[key]
    }

    private func typeError(_ key: String, expected: String, _ value: TOMLValue) -> ConfigurationError {
        ConfigurationError(
            file: file, line: value.location.line, key: fullKey(key), message: "must be \(expected), not a \(value.typeName)")
    }
}
