/// A coding path as a list from the innermost key outwards, shared by the decoders of nested
/// values.
final class JSONCodingPath {
    /// The innermost key.
    let key: any CodingKey
    /// The path of the enclosing value; nil at the top level.
    let parent: JSONCodingPath?

    /// The path of the value at `key` inside the value at `parent`.
    init(_ key: any CodingKey, in parent: JSONCodingPath?) {
        self.key = key
        self.parent = parent
    }

    /// The keys from the top level inwards (empty for nil, the top level).
    static func keys(_ path: JSONCodingPath?, appending key: (any CodingKey)? = nil) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        if let key {
            keys.append(key)
        }
        var node = path
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }
}
