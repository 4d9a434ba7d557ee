/// The scalar conversions the decoders share, with Foundation's errors: `valueNotFound` for
/// `null`, `typeMismatch` for another kind of value, `dataCorrupted` for a number the type
/// cannot hold.
extension JSONDocument {
    /// Decodes any `Decodable` at `index`, whose key in its container is `key`.
    func decode<T: Decodable>(_ type: T.Type, at index: Int, path: JSONCodingPath?, key: any CodingKey) throws -> T {
        if let scalar = try decodeScalar(type, at: index, path: path, key: key) {
            return scalar
        }
        return try T(from: JSONTreeDecoder(document: self, node: index, path: JSONCodingPath(key, in: path)))
    }

    /// The standard library's scalars, decoded without a decoder of their own; nil for any
    /// other type.
    func decodeScalar<T: Decodable>(_ type: T.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?) throws -> T? {
        if T.self == String.self { return try decode(String.self, at: index, path: path, key: key) as? T }
        if T.self == Int.self { return try decodeInteger(Int.self, at: index, path: path, key: key) as? T }
        if T.self == Double.self { return try decode(Double.self, at: index, path: path, key: key) as? T }
        if T.self == Bool.self { return try decode(Bool.self, at: index, path: path, key: key) as? T }
        if T.self == Int64.self { return try decodeInteger(Int64.self, at: index, path: path, key: key) as? T }
        if T.self == UInt64.self { return try decodeInteger(UInt64.self, at: index, path: path, key: key) as? T }
        if T.self == Int32.self { return try decodeInteger(Int32.self, at: index, path: path, key: key) as? T }
        if T.self == UInt32.self { return try decodeInteger(UInt32.self, at: index, path: path, key: key) as? T }
        if T.self == UInt16.self { return try decodeInteger(UInt16.self, at: index, path: path, key: key) as? T }
        if T.self == UInt8.self { return try decodeInteger(UInt8.self, at: index, path: path, key: key) as? T }
        if T.self == Int16.self { return try decodeInteger(Int16.self, at: index, path: path, key: key) as? T }
        if T.self == Int8.self { return try decodeInteger(Int8.self, at: index, path: path, key: key) as? T }
        if T.self == UInt.self { return try decodeInteger(UInt.self, at: index, path: path, key: key) as? T }
        if T.self == Float.self { return try decode(Float.self, at: index, path: path, key: key) as? T }
        return nil
    }

    /// Decodes `true` or `false`.
    func decode(_ type: Bool.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?) throws -> Bool {
        switch nodes[index].kind {
        case .true: return true
        case .false: return false
        default: throw mismatch(type, at: index, path: path, key: key)
        }
    }

    /// Decodes a string.
    func decode(_ type: String.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?) throws -> String {
        let node = nodes[index]
        guard node.kind == .string || node.kind == .escapedString else {
            throw mismatch(type, at: index, path: path, key: key)
        }
        return string(node)
    }

    /// Decodes a number as a `Double`.
    func decode(_ type: Double.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?) throws -> Double {
        let node = try number(type, at: index, path: path, key: key)
        guard let value = double(node) else {
            throw doesNotFit(type, at: index, path: path, key: key)
        }
        return value
    }

    /// Decodes a number as a `Float`.
    func decode(_ type: Float.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?) throws -> Float {
        let node = try number(type, at: index, path: path, key: key)
        guard let value = float(node) else {
            throw doesNotFit(type, at: index, path: path, key: key)
        }
        return value
    }

    /// Decodes a number as an integer.
    func decodeInteger<Integer: FixedWidthInteger>(
        _ type: Integer.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?
    ) throws -> Integer {
        let node = try number(type, at: index, path: path, key: key)
        guard let value = integer(node, as: type) else {
            throw doesNotFit(type, at: index, path: path, key: key)
        }
        return value
    }

    private func number(_ type: Any.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?) throws -> JSONNode {
        let node = nodes[index]
        guard node.kind == .integer || node.kind == .number else {
            throw mismatch(type, at: index, path: path, key: key)
        }
        return node
    }

    /// The error for a value of another kind than `type` (`valueNotFound` for `null`).
    func mismatch(_ type: Any.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?) -> DecodingError {
        let node = nodes[index]
        let codingPath = JSONCodingPath.keys(path, appending: key)
        if node.kind == .null {
            return DecodingError.valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        return DecodingError.typeMismatch(
            type,
            DecodingError.Context(
                codingPath: codingPath, debugDescription: "Expected to decode \(type) but found \(node.kindDescription) instead."))
    }

    private func doesNotFit(_ type: Any.Type, at index: Int, path: JSONCodingPath?, key: (any CodingKey)?) -> DecodingError {
        DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: JSONCodingPath.keys(path, appending: key),
                debugDescription: "Parsed JSON number <\(text(nodes[index]))> does not fit in \(type)."))
    }
}
