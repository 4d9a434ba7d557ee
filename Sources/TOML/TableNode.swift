/// A table while the document is being parsed.
///
/// Nodes are mutable and remember how they were defined, which decides whether a later header or
/// dotted key may define or extend them. ``frozen()`` turns the finished tree into ``TOMLTable`` values.
final class TableNode {
    /// How a table came to exist, which decides what may still change it.
    enum State: Equatable {
        /// Created only as a parent in a header such as `[a.b]`; a later `[a]` may still define it.
        case implicit
        /// Defined by a `[header]`, as an `[[array]]` element, or the root or an inline table itself.
        case explicit
        /// Created by dotted keys in the section (or inline table) with this number; only that
        /// section may add more keys to it.
        case dotted(section: Int)
    }

    /// What a key of a table under construction holds.
    enum Entry {
        /// A table that headers or dotted keys may still extend.
        case table(TableNode)
        /// An array of tables built by `[[header]]`s.
        case tableArray(TableArrayNode)
        /// A finished value: a scalar, a static array or an inline table, none of which may change.
        case value(TOMLValue)

        /// Where the entry was first defined.
        var location: TOMLSourceLocation {
            switch self {
            case .table(let table): table.location
            case .tableArray(let array): array.location
            case .value(let value): value.location
            }
        }
    }

    var state: State
    var location: TOMLSourceLocation
    /// How many tables and arrays enclose this table; the root is at depth 0.
    let depth: Int
    private var keys: [String] = []
    private var entries: [ExactKey: Entry] = [:]

    init(state: State, location: TOMLSourceLocation, depth: Int) {
        self.state = state
        self.location = location
        self.depth = depth
    }

    /// The entry for `name`, matching by exact Unicode scalars.
    func entry(named name: String) -> Entry? {
        entries[ExactKey(name)]
    }

    /// Adds a new key; the caller has checked that `name` is not defined yet.
    func add(_ entry: Entry, named name: String) {
        keys.append(name)
        entries[ExactKey(name)] = entry
    }

    /// The finished, immutable table. Recursion is bounded by the parser's nesting limit.
    func frozen() -> TOMLTable {
        var values: [ExactKey: TOMLValue] = [:]
        values.reserveCapacity(entries.count)
        for (key, entry) in entries {
            switch entry {
            case .table(let table):
                values[key] = TOMLValue(kind: .table(table.frozen()), location: table.location)
            case .tableArray(let array):
                let elements = array.elements.map { TOMLValue(kind: .table($0.frozen()), location: $0.location) }
                values[key] = TOMLValue(kind: .array(elements), location: array.location)
            case .value(let value):
                values[key] = value
            }
        }
        return TOMLTable(keys: keys, valuesByKey: values, location: location)
    }
}
