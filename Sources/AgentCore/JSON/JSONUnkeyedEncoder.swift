/// The unkeyed container of ``JSONTreeEncoder``: elements go into an array builder in order.
struct JSONUnkeyedEncoder: UnkeyedEncodingContainer {
    /// The encoder of the array.
    let encoder: JSONTreeEncoder
    /// The array's elements.
    let array: JSONArrayBuilder

    /// The keys from the top-level value to the array.
    var codingPath: [any CodingKey] { encoder.codingPath }

    /// The number of elements so far.
    var count: Int { array.elements.count }

    private var nextKey: JSONKey { JSONKey(intValue: array.elements.count) }

    private func append(_ value: JSONEncodedValue) {
        array.elements.append(value)
    }

    mutating func encodeNil() throws { append(encoder.scratch.appendNull()) }
    mutating func encode(_ value: Bool) throws { append(encoder.scratch.append(value)) }
    mutating func encode(_ value: String) throws { append(encoder.scratch.append(value)) }
    mutating func encode(_ value: Double) throws { append(try encoder.scratch(value, key: nextKey)) }
    mutating func encode(_ value: Float) throws { append(try encoder.scratch(value, key: nextKey)) }
    mutating func encode(_ value: Int) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: Int8) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: Int16) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: Int32) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: Int64) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: Int128) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: UInt) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: UInt8) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: UInt16) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: UInt32) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: UInt64) throws { append(encoder.scratch.append(integer: value)) }
    mutating func encode(_ value: UInt128) throws { append(encoder.scratch.append(integer: value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try encoder.encodeChild(value, key: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBuilder()
        let child = JSONTreeEncoder(scratch: encoder.scratch, parent: encoder, key: nextKey, value: .object(nested))
        append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedEncoder<NestedKey>(encoder: child, object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBuilder()
        let child = JSONTreeEncoder(scratch: encoder.scratch, parent: encoder, key: nextKey, value: .array(nested))
        append(.array(nested))
        return JSONUnkeyedEncoder(encoder: child, array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONTreeEncoder(scratch: encoder.scratch, parent: encoder, key: nextKey)
        append(.deferred(child))
        return child
    }
}
