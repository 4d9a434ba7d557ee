/// The `Encoder` `AgentJSON` hands to values: scalars are written at once into the shared
/// scratch bytes, containers are kept as builders, and ``JSONTreeWriter`` writes the document
/// with sorted keys when encoding is done. It is its own single-value container, as
/// Foundation's is.
final class JSONTreeEncoder: Encoder, SingleValueEncodingContainer {
    /// The bytes of the scalars of the whole encoding.
    let scratch: JSONScratch
    /// The encoder of the enclosing value, for the coding path.
    let parent: JSONTreeEncoder?
    /// The key of this value in the enclosing one.
    let key: (any CodingKey)?
    /// What has been encoded here, if anything.
    var value: JSONEncodedValue?

    /// Creates an encoder for one value.
    init(scratch: JSONScratch, parent: JSONTreeEncoder?, key: (any CodingKey)?, value: JSONEncodedValue? = nil) {
        self.scratch = scratch
        self.parent = parent
        self.key = key
        self.value = value
    }

    /// The keys from the top-level value to this one.
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var encoder: JSONTreeEncoder? = self
        while let current = encoder {
            if let key = current.key {
                keys.append(key)
            }
            encoder = current.parent
        }
        return keys.reversed()
    }

    /// Nothing: `AgentJSON` takes no user info.
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The keyed container of this value; asking twice gives the same object.
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObjectBuilder
        switch value {
        case .object(let existing)?:
            object = existing
        case nil:
            object = JSONObjectBuilder()
            value = .object(object)
        default:
            preconditionFailure("Attempt to push new keyed encoding container when already previously encoded at this path.")
        }
        return KeyedEncodingContainer(JSONKeyedEncoder<Key>(encoder: self, object: object))
    }

    /// The unkeyed container of this value; asking twice gives the same array.
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONArrayBuilder
        switch value {
        case .array(let existing)?:
            array = existing
        case nil:
            array = JSONArrayBuilder()
            value = .array(array)
        default:
            preconditionFailure("Attempt to push new unkeyed encoding container when already previously encoded at this path.")
        }
        return JSONUnkeyedEncoder(encoder: self, array: array)
    }

    /// This encoder, which takes one value.
    func singleValueContainer() -> any SingleValueEncodingContainer {
        self
    }
}

// MARK: - Single value

extension JSONTreeEncoder {
    func encodeNil() throws { value = scratch.appendNull() }
    func encode(_ value: Bool) throws { self.value = scratch.append(value) }
    func encode(_ value: String) throws { self.value = scratch.append(value) }
    func encode(_ value: Double) throws { self.value = try scratch(value, key: nil) }
    func encode(_ value: Float) throws { self.value = try scratch(value, key: nil) }
    func encode(_ value: Int) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: Int8) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: Int16) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: Int32) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: Int64) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: Int128) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: UInt) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: UInt8) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: UInt16) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: UInt32) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: UInt64) throws { self.value = scratch.append(integer: value) }
    func encode(_ value: UInt128) throws { self.value = scratch.append(integer: value) }

    /// Encodes `value` as this encoder's value (a value that encodes nothing becomes `{}`).
    func encode<T: Encodable>(_ value: T) throws {
        if let scalar = try scalar(value, key: nil) {
            self.value = scalar
            return
        }
        self.value = nil
        try value.encode(to: self)
        if self.value == nil {
            self.value = .object(JSONObjectBuilder())
        }
    }
}

// MARK: - Values of containers

extension JSONTreeEncoder {
    /// Encodes a value inside this encoder's container, at `key`.
    func encodeChild<T: Encodable>(_ value: T, key: any CodingKey) throws -> JSONEncodedValue {
        if let scalar = try scalar(value, key: key) {
            return scalar
        }
        let child = JSONTreeEncoder(scratch: scratch, parent: self, key: key)
        try value.encode(to: child)
        return child.value ?? .object(JSONObjectBuilder())
    }

    /// Writes a floating-point value, or throws for NaN and the infinities as Foundation does.
    func scratch<Float: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: Float, key: (any CodingKey)?
    ) throws -> JSONEncodedValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: codingPath + (key.map { [$0] } ?? []),
                    debugDescription: "Unable to encode \(Float.self).\(value) directly in JSON."))
        }
        return scratch.append(finite: value)
    }

    /// The standard library's scalars, written without an encoder of their own; nil for any
    /// other type.
    func scalar<T: Encodable>(_ value: T, key: (any CodingKey)?) throws -> JSONEncodedValue? {
        if T.self == String.self { return scratch.append(value as! String) }
        if T.self == Int.self { return scratch.append(integer: value as! Int) }
        if T.self == Double.self { return try scratch(value as! Double, key: key) }
        if T.self == Bool.self { return scratch.append(value as! Bool) }
        if T.self == Int64.self { return scratch.append(integer: value as! Int64) }
        if T.self == UInt64.self { return scratch.append(integer: value as! UInt64) }
        if T.self == Int32.self { return scratch.append(integer: value as! Int32) }
        if T.self == UInt32.self { return scratch.append(integer: value as! UInt32) }
        if T.self == UInt16.self { return scratch.append(integer: value as! UInt16) }
        if T.self == UInt8.self { return scratch.append(integer: value as! UInt8) }
        if T.self == Int16.self { return scratch.append(integer: value as! Int16) }
        if T.self == Int8.self { return scratch.append(integer: value as! Int8) }
        if T.self == UInt.self { return scratch.append(integer: value as! UInt) }
        if T.self == Float.self { return try scratch(value as! Float, key: key) }
        return nil
    }
}
