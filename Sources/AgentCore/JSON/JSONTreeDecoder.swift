/// The `Decoder` `AgentJSON` hands to values: one node of a parsed ``JSONDocument``. It is its
/// own single-value container, as Foundation's is.
struct JSONTreeDecoder: Decoder, SingleValueDecodingContainer {
    /// The parsed document.
    let document: JSONDocument
    /// The node being decoded.
    let node: Int
    /// The path to the node.
    let path: JSONCodingPath?

    /// The keys from the top-level value to this one.
    var codingPath: [any CodingKey] { JSONCodingPath.keys(path) }

    /// Nothing: `AgentJSON` takes no user info.
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The object at this node.
    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try requireContainer(.object, as: [String: Any].self)
        return KeyedDecodingContainer(JSONKeyedDecoder<Key>(document: document, node: node, path: path))
    }

    /// The array at this node.
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try requireContainer(.array, as: [Any].self)
        return JSONUnkeyedDecoder(document: document, node: node, path: path)
    }

    /// This decoder, which holds one value.
    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }

    private func requireContainer(_ kind: JSONNode.Kind, as type: Any.Type) throws {
        let value = document.nodes[node]
        guard value.kind != kind else { return }
        if value.kind == .null {
            throw DecodingError.valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "Cannot get \(kind == .object ? "keyed" : "unkeyed") decoding container -- found null value instead"))
        }
        throw DecodingError.typeMismatch(
            type,
            DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "Expected to decode \(type) but found \(value.kindDescription) instead."))
    }
}

// MARK: - Single value

extension JSONTreeDecoder {
    func decodeNil() -> Bool { document.nodes[node].kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try document.decode(type, at: node, path: path, key: nil) }
    func decode(_ type: String.Type) throws -> String { try document.decode(type, at: node, path: path, key: nil) }
    func decode(_ type: Double.Type) throws -> Double { try document.decode(type, at: node, path: path, key: nil) }
    func decode(_ type: Float.Type) throws -> Float { try document.decode(type, at: node, path: path, key: nil) }
    func decode(_ type: Int.Type) throws -> Int { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: Int8.Type) throws -> Int8 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: Int16.Type) throws -> Int16 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: Int32.Type) throws -> Int32 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: Int64.Type) throws -> Int64 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: Int128.Type) throws -> Int128 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: UInt.Type) throws -> UInt { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try document.decodeInteger(type, at: node, path: path, key: nil) }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try document.decodeInteger(type, at: node, path: path, key: nil) }

    /// Decodes a `T` from this node, with this decoder's path.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let scalar = try document.decodeScalar(type, at: node, path: path, key: nil) {
            return scalar
        }
        return try T(from: self)
    }
}
