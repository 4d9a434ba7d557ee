/// The JSON coding every agent interface uses: compact (or pretty for people), keys sorted so
/// output is stable, no Foundation types in the public API.
///
/// The coders are the agent's own (`Sources/AgentCore/JSON`), without Foundation: their output
/// is byte for byte that of Foundation's `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted`), and they decode what its `JSONDecoder`
/// decodes, to the same values.
public enum AgentJSON {
    /// Encodes a value as compact JSON bytes.
    ///
    /// Throws `EncodingError.invalidValue` for a NaN or infinite number, a top-level value that
    /// encodes nothing, or arrays and objects nested 512 deep.
    public static func encode(_ value: some Encodable, pretty: Bool = false) throws -> [UInt8] {
        try encodeValue(value, pretty: pretty)
    }

    private static func encodeValue<Value: Encodable>(_ value: Value, pretty: Bool) throws -> [UInt8] {
        let encoder = JSONTreeEncoder(scratch: JSONScratch(), parent: nil, key: nil)
        if let scalar = try encoder.scalar(value, key: nil) {
            encoder.value = scalar
        } else {
            try value.encode(to: encoder)
        }
        guard let encoded = encoder.value else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Top-level \(Value.self) did not encode any values."))
        }
        var writer = JSONTreeWriter(scratch: encoder.scratch.bytes, pretty: pretty)
        do {
            try writer.write(encoded)
        } catch {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: [],
                    debugDescription: "Unable to encode the given top-level value to JSON: arrays and objects are nested \(JSONTreeWriter.maximumDepth) deep or more."))
        }
        return writer.output
    }

    /// Decodes a value from JSON bytes.
    ///
    /// Throws `DecodingError.dataCorrupted` (saying what is wrong, and where) for bytes that are
    /// not a JSON document, and the usual `DecodingError`s for a document of another shape.
    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: some Collection<UInt8>) throws -> Value {
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: bytes)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "The given data was not valid JSON: \(error)", underlyingError: error))
        }
        return try JSONTreeDecoder(document: document, node: 0, path: nil).decode(type)
    }
}
