/// The keyed container of ``JSONTreeDecoder``: an object's members. Of a key given twice the
/// first counts, as with Foundation; keys match as Swift strings do. Large objects get a
/// dictionary of their keys; the others are searched in order, comparing bytes.
struct JSONKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// Objects with more members than this get a dictionary of their keys.
    static var linearSearchLimit: Int { 32 }

    private let document: JSONDocument
    private let node: Int
    private let path: JSONCodingPath?
    private let index: [String: Int]?

    /// The container of the object at `node`.
    init(document: JSONDocument, node: Int, path: JSONCodingPath?) {
        self.document = document
        self.node = node
        self.path = path
        if document.nodes[node].count > Self.linearSearchLimit {
            var index: [String: Int] = [:]
            index.reserveCapacity(Int(document.nodes[node].count))
            for (keyNode, valueNode) in Self.members(of: node, in: document) {
                let name = document.string(document.nodes[keyNode])
                if index[name] == nil {
                    index[name] = valueNode
                }
            }
            self.index = index
        } else {
            self.index = nil
        }
    }

    /// The keys from the top-level value to the object.
    var codingPath: [any CodingKey] { JSONCodingPath.keys(path) }

    /// The object's keys that `Key` knows, each once.
    var allKeys: [Key] {
        if let index {
            return index.keys.compactMap { Key(stringValue: $0) }
        }
        var names: [String] = []
        for (keyNode, _) in Self.members(of: node, in: document) {
            let name = document.string(document.nodes[keyNode])
            if !names.contains(name) {
                names.append(name)
            }
        }
        return names.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        valueNode(for: key) != nil
    }

    /// The (key node, value node) pairs of an object.
    private static func members(of node: Int, in document: JSONDocument) -> some Sequence<(Int, Int)> {
        let end = Int(document.nodes[node].end)
        return sequence(first: node + 1) { Int(document.nodes[$0 + 1].end) }
            .prefix { $0 < end }
            .lazy.map { ($0, $0 + 1) }
    }

    private func valueNode(for key: some CodingKey) -> Int? {
        if let index {
            return index[key.stringValue]
        }
        let name = key.stringValue
        var utf8 = name
        return utf8.withUTF8 { nameBytes in
            let nameIsASCII = !nameBytes.contains { $0 >= 0x80 }
            let end = Int(document.nodes[node].end)
            var keyNode = node + 1
            while keyNode < end {
                let candidate = document.nodes[keyNode]
                if document.key(candidate, equals: name, utf8: nameBytes, nameIsASCII: nameIsASCII) {
                    return keyNode + 1
                }
                keyNode = Int(document.nodes[keyNode + 1].end)
            }
            return nil
        }
    }

    private func requireValueNode(for key: some CodingKey) throws -> Int {
        guard let value = valueNode(for: key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value
    }

    /// The value node for `key` if present and not `null`.
    private func presentValueNode(for key: Key) -> Int? {
        guard let value = valueNode(for: key), document.nodes[value].kind != .null else { return nil }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        document.nodes[try requireValueNode(for: key)].kind == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try document.decode(type, at: requireValueNode(for: key), path: path, key: key)
    }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try document.decode(type, at: requireValueNode(for: key), path: path, key: key)
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try document.decode(type, at: requireValueNode(for: key), path: path, key: key)
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try document.decode(type, at: requireValueNode(for: key), path: path, key: key)
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try integer(type, key) }

    private func integer<Integer: FixedWidthInteger>(_ type: Integer.Type, _ key: Key) throws -> Integer {
        try document.decodeInteger(type, at: requireValueNode(for: key), path: path, key: key)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try document.decode(type, at: requireValueNode(for: key), path: path, key: key)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: Int128.Type, forKey key: Key) throws -> Int128? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try ifPresent(type, key) }
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? { try ifPresent(type, key) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try ifPresent(type, key)
    }

    private func ifPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let value = presentValueNode(for: key) else { return nil }
        return try document.decode(type, at: value, path: path, key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(at: requireValueNode(for: key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(at: requireValueNode(for: key), key: key).unkeyedContainer()
    }

    /// A decoder of the member `super`, or of `null` if there is none.
    func superDecoder() throws -> any Decoder {
        decoder(at: valueNode(for: JSONKey.super) ?? document.missingNode, key: JSONKey.super)
    }

    /// A decoder of the member `key`, or of `null` if there is none.
    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder(at: valueNode(for: key) ?? document.missingNode, key: key)
    }

    private func decoder(at value: Int, key: any CodingKey) -> JSONTreeDecoder {
        JSONTreeDecoder(document: document, node: value, path: JSONCodingPath(key, in: path))
    }
}
