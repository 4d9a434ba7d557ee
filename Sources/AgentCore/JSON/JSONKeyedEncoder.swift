/// The keyed container of ``JSONTreeEncoder``: members go into an object builder; encoding a
/// key twice keeps the last value.
struct JSONKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// The encoder of the object.
    let encoder: JSONTreeEncoder
    /// The object's members.
    let object: JSONObjectBuilder

    /// The keys from the top-level value to the object.
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ value: JSONEncodedValue, for key: Key) {
        object.members.append((key.stringValue, value))
    }

    mutating func encodeNil(forKey key: Key) throws { set(encoder.scratch.appendNull(), for: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(encoder.scratch.append(value), for: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(encoder.scratch.append(value), for: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(try encoder.scratch(value, key: key), for: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(try encoder.scratch(value, key: key), for: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { set(encoder.scratch.append(integer: value), for: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(try encoder.encodeChild(value, key: key), for: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested: JSONObjectBuilder
        if case .object(let existing)? = object.existingContainer(forKey: key.stringValue) {
            nested = existing
        } else {
            nested = JSONObjectBuilder()
            set(.object(nested), for: key)
        }
        let child = JSONTreeEncoder(scratch: encoder.scratch, parent: encoder, key: key, value: .object(nested))
        return KeyedEncodingContainer(JSONKeyedEncoder<NestedKey>(encoder: child, object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested: JSONArrayBuilder
        if case .array(let existing)? = object.existingContainer(forKey: key.stringValue) {
            nested = existing
        } else {
            nested = JSONArrayBuilder()
            set(.array(nested), for: key)
        }
        let child = JSONTreeEncoder(scratch: encoder.scratch, parent: encoder, key: key, value: .array(nested))
        return JSONUnkeyedEncoder(encoder: child, array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(for: JSONKey.super)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(for: key)
    }

    private func superEncoder(for key: any CodingKey) -> any Encoder {
        let child = JSONTreeEncoder(scratch: encoder.scratch, parent: encoder, key: key)
        object.members.append((key.stringValue, .deferred(child)))
        return child
    }
}
