/// The unkeyed container of ``JSONTreeDecoder``: an array's elements in order.
struct JSONUnkeyedDecoder: UnkeyedDecodingContainer {
    private let document: JSONDocument
    private let path: JSONCodingPath?
    private var element: Int

    /// The number of elements.
    let count: Int?
    /// The position of the next element.
    private(set) var currentIndex = 0

    /// The container of the array at `node`.
    init(document: JSONDocument, node: Int, path: JSONCodingPath?) {
        self.document = document
        self.path = path
        self.element = node + 1
        self.count = Int(document.nodes[node].count)
    }

    /// The keys from the top-level value to the array.
    var codingPath: [any CodingKey] { JSONCodingPath.keys(path) }

    /// Whether every element has been decoded.
    var isAtEnd: Bool { currentIndex >= count ?? 0 }

    private var key: JSONKey { JSONKey(intValue: currentIndex) }

    /// The next element's node, checked to exist, and moves past it.
    private mutating func next(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: JSONCodingPath.keys(path, appending: key), debugDescription: "Unkeyed container is at end."))
        }
        let current = element
        element = Int(document.nodes[element].end)
        currentIndex += 1
        return current
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any?.self,
                DecodingError.Context(
                    codingPath: JSONCodingPath.keys(path, appending: key), debugDescription: "Unkeyed container is at end."))
        }
        guard document.nodes[element].kind == .null else { return false }
        _ = try next(Any?.self)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
    mutating func decode(_ type: String.Type) throws -> String { try scalar(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
    mutating func decode(_ type: Int128.Type) throws -> Int128 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try integer(type) }

    /// Decodes the next element; the position moves on only if it decodes.
    private mutating func scalar<T: Decodable>(_ type: T.Type) throws -> T {
        try decode(type)
    }

    private mutating func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        let key = self.key
        let value = try peek(type)
        let result = try document.decodeInteger(type, at: value, path: path, key: key)
        _ = try next(type)
        return result
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let key = self.key
        let value = try peek(type)
        let result = try document.decode(type, at: value, path: path, key: key)
        _ = try next(type)
        return result
    }

    private func peek(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: JSONCodingPath.keys(path, appending: key), debugDescription: "Unkeyed container is at end."))
        }
        return element
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try decoder(at: peek(type)).container(keyedBy: type)
        _ = try next(type)
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try decoder(at: peek([Any].self)).unkeyedContainer()
        _ = try next([Any].self)
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = try decoder(at: peek((any Decoder).self))
        _ = try next((any Decoder).self)
        return decoder
    }

    private func decoder(at value: Int) -> JSONTreeDecoder {
        JSONTreeDecoder(document: document, node: value, path: JSONCodingPath(key, in: path))
    }
}
