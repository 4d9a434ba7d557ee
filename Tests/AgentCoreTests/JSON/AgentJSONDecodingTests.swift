import AgentCore
import TestSupport
import Testing

/// `AgentJSON.decode` reads what it writes, and what Foundation's `JSONDecoder` reads, to the
/// same values.
@Suite struct AgentJSONDecodingTests {
    private func expectRoundTrip<Value: Codable & Equatable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for pretty in [false, true] {
            let bytes = try AgentJSON.encode(value, pretty: pretty)
            #expect(try AgentJSON.decode(Value.self, from: bytes) == value, "\(text(bytes))", sourceLocation: sourceLocation)
            #expect(try FoundationJSON.decode(Value.self, from: bytes) == value, sourceLocation: sourceLocation)
        }
    }

    @Test func theProjectsTypesRoundTrip() throws {
        try expectRoundTrip(SampleValues.status)
        try expectRoundTrip(SampleValues.minimalStatus)
        try expectRoundTrip(SampleValues.devices)
        try expectRoundTrip(SampleValues.inventory(count: 500))
        try expectRoundTrip(InventoryEvent(snapshotAt: 13, at: SampleValues.since, devices: SampleValues.devices))
        try expectRoundTrip(SampleValues.sessions)
        try expectRoundTrip(SampleValues.presence)
        try expectRoundTrip(SampleValues.agentInfo)
        try expectRoundTrip(RemoteInventory(agent: "lab-01", updatedAt: SampleValues.since, sequence: 5, devices: SampleValues.devices))
        try expectRoundTrip(SampleValues.request)
        try expectRoundTrip(RPCFailure(.portBusy, "busy"))
        try expectRoundTrip(Exotic())
        try expectRoundTrip([3: "c", 1: "a"])
        try expectRoundTrip([Int8.min, Int8.max])
        try expectRoundTrip([UInt64.max])
        try expectRoundTrip([Int64.min])
        try expectRoundTrip([Int128.min, Int128.max])
        try expectRoundTrip([UInt128.max])
        try expectRoundTrip([Float(0.1), 3.4028235e38, -0.0])
    }

    @Test func randomJSONValuesRoundTrip() throws {
        var random = RandomJSON(seed: 0x0DEC_0DE)
        for _ in 0..<3000 {
            try expectRoundTrip(random.value())
        }
    }

    /// Valid documents, then each mutated (bytes flipped, inserted, deleted, duplicated, cut):
    /// both decoders accept or both refuse, and what they accept is the same.
    @Test func mutatedDocumentsGetFoundationsVerdict() throws {
        var random = RandomJSON(seed: 0xF022)
        let handWritten = [
            #"{"a":"\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\","b":[1.5e3,-0,0.0001,1E+2,-12.5e-3,true,false,null],"c":{}}"#,
            #"  [ 1 , 2 ,{ "x" : [ ] } , "y" ]  "#, #""top""#, "12", "-0.0", "null", "[[[[]]]]", "\u{FEFF}[1]",
        ].map { Array($0.utf8) }
        let interesting: [UInt8] = Array(#"{}[]",:.-+eE0123456789 \u\/"#.utf8) + [0, 1, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF, 0x0A, 0x09]
        var compared = 0
        var accepted = 0
        for round in 0..<4000 {
            var bytes =
                round % 5 == 0
                ? random.generator.pick(handWritten)
                : try AgentJSON.encode(random.value(depth: 3), pretty: random.generator.chance(0.3))
            for _ in 0..<random.generator.int(in: 1...3) {
                mutate(&bytes, interesting: interesting, generator: &random.generator)
            }
            if FoundationJSON.looksLikeUTF16Or32(bytes) { continue }
            let ours = try? AgentJSON.decode(JSONValue.self, from: bytes)
            let foundation = try? FoundationJSON.decode(JSONValue.self, from: bytes)
            #expect(ours == foundation, "\(bytes) \(text(bytes))")
            compared += 1
            if ours != nil { accepted += 1 }
        }
        #expect(compared > 3500)
        #expect(accepted > 300)
    }

    private func mutate(_ bytes: inout [UInt8], interesting: [UInt8], generator: inout SplitMix64) {
        guard !bytes.isEmpty else {
            bytes.append(generator.pick(interesting))
            return
        }
        let position = generator.int(in: 0...(bytes.count - 1))
        switch generator.int(in: 0...5) {
        case 0: bytes[position] = generator.pick(interesting)
        case 1: bytes.insert(generator.pick(interesting), at: position)
        case 2: bytes.remove(at: position)
        case 3: bytes.removeSubrange(position...)
        case 4:
            let end = min(bytes.count, position + generator.int(in: 1...8))
            bytes.insert(contentsOf: bytes[position..<end], at: position)
        default: bytes[position] ^= UInt8(1) << UInt8(generator.int(in: 0...7))
        }
    }

    /// Numbers into every integer type, `Double` and `Float`: the same values, and the same
    /// refusals, as Foundation.
    @Test func numbersConvertAsWithFoundation() throws {
        var texts = [
            "0", "-0", "1.0", "1e2", "1E+2", "1.5", "-1", "255", "256", "-128", "-129", "1e-2", "100e-2", "0.1e1",
            "9007199254740992", "9007199254740993", "9007199254740993.5", "9007199254740993.0", "1e16", "1.5e16",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "-9223372036854775808.0", "18446744073709551615", "18446744073709551616", "1.8446744073709551615e19",
            "1e19", "1.8e19", "1e400", "-1e400", "1e-400", "-0.0", "12345678901234567890e-1", "0e10", "0.000e-999",
            "1.7976931348623157e308", "1.8e308", "2.2250738585072014e-308", "4.9e-324", "5e-324", "2e-324", "3e-324",
            "3.4028235e38", "3.5e38", "1e-45", "1.4e-45", "1e-46", "0.1", "0.30000000000000004",
            "123456789012345678901234567890", "170141183460469231731687303715884105727", "340282366920938463463374607431768211455",
            "-170141183460469231731687303715884105728", "1e30", "65535.000", "65536e-1", "4294967295", "4294967296",
            "2147483647", "-2147483648", "-2147483649", "32767", "-32768", "32768",
        ]
        var random = RandomJSON(seed: 99)
        for _ in 0..<1000 {
            let mantissa = String(random.generator.next() >> random.generator.int(in: 0...63))
            var text = random.generator.chance(0.5) ? "-" + mantissa : mantissa
            if random.generator.chance(0.5) { text += "." + String(random.generator.int(in: 0...999_999)) }
            if random.generator.chance(0.5) { text += "e" + String(random.generator.int(in: -330...330)) }
            texts.append(text)
        }
        for text in texts {
            let bytes = Array("[\(text)]".utf8)
            try compare([Int].self, bytes)
            try compare([Int8].self, bytes)
            try compare([Int16].self, bytes)
            try compare([Int32].self, bytes)
            try compare([Int64].self, bytes)
            try compare([UInt].self, bytes)
            try compare([UInt8].self, bytes)
            try compare([UInt16].self, bytes)
            try compare([UInt32].self, bytes)
            try compare([UInt64].self, bytes)
            try compare([Double].self, bytes)
            try compare([Float].self, bytes)
            try compare(Int64.self, Array(text.utf8))
            try compare(Double.self, Array(text.utf8))
        }
    }

    private func compare<Value: Decodable & Equatable>(_ type: Value.Type, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try? AgentJSON.decode(type, from: bytes)
        let foundation = try? FoundationJSON.decode(type, from: bytes)
        #expect(ours == foundation, "\(Value.self) from \(text(bytes))", sourceLocation: sourceLocation)
    }

    @Test func duplicateKeysKeepTheFirstAsFoundationDoes() throws {
        let bytes = Array(#"{"a":1,"b":2,"a":3}"#.utf8)
        #expect(try AgentJSON.decode([String: Int].self, from: bytes) == ["a": 1, "b": 2])
        #expect(try FoundationJSON.decode([String: Int].self, from: bytes) == ["a": 1, "b": 2])
        // The later value is never decoded, so that it does not fit a Double does not matter.
        let laterOutOfRange = Array(#"{"a":1,"a":1e400}"#.utf8)
        #expect(try AgentJSON.decode(JSONValue.self, from: laterOutOfRange) == .object(["a": .number(1)]))
        #expect(try FoundationJSON.decode(JSONValue.self, from: laterOutOfRange) == .object(["a": .number(1)]))
        #expect(throws: DecodingError.self) { try AgentJSON.decode(JSONValue.self, from: Array(#"{"a":1e400}"#.utf8)) }
        #expect(throws: DecodingError.self) { try FoundationJSON.decode(JSONValue.self, from: Array(#"{"a":1e400}"#.utf8)) }
        let many = Array(("{" + (0..<40).map { #""k\#($0)":\#($0),"# }.joined() + #""k3":99}"#).utf8)
        #expect(try AgentJSON.decode([String: Int].self, from: many)["k3"] == 3)
        #expect(try FoundationJSON.decode([String: Int].self, from: many)["k3"] == 3)
    }

    @Test func keysMatchAsSwiftStringsDo() throws {
        // "é" precomposed and decomposed are the same Swift string.
        let bytes = Array(#"{"e\u0301":1}"#.utf8)
        #expect(try AgentJSON.decode([String: Int].self, from: bytes) == ["é": 1])
        #expect(try AgentJSON.decode(Keyed.self, from: Array(#"{"\u00e9":2,"plain":"x"}"#.utf8)) == Keyed(é: 2, plain: "x"))
    }

    @Test func missingAndNullOptionalsDecodeAsNil() throws {
        let none = try AgentJSON.decode(SerialDevice.self, from: AgentJSON.encode(SampleValues.bareSerial))
        #expect(none == SampleValues.bareSerial)
        #expect(try AgentJSON.decode(Keyed.self, from: Array(#"{"é":null,"plain":"x"}"#.utf8)) == Keyed(é: nil, plain: "x"))
        #expect(try AgentJSON.decode(Keyed.self, from: Array(#"{"plain":"x"}"#.utf8)) == Keyed(é: nil, plain: "x"))
        #expect(throws: DecodingError.self) { try AgentJSON.decode(Keyed.self, from: Array(#"{"é":1}"#.utf8)) }
        #expect(throws: DecodingError.self) { try AgentJSON.decode(Keyed.self, from: Array(#"{"plain":null}"#.utf8)) }
    }

    @Test func typeErrorsSayWhere() throws {
        do {
            _ = try AgentJSON.decode([String: [Int]].self, from: Array(#"{"list":[1,"two"]}"#.utf8))
            Issue.record("decoded")
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["list", "Index 1"])
            #expect(context.debugDescription == "Expected to decode Int but found a string instead.")
        }
        do {
            _ = try AgentJSON.decode(Keyed.self, from: Array(#"{}"#.utf8))
            Issue.record("decoded")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "plain")
        }
    }
}

private struct Keyed: Codable, Equatable {
    var é: Int?
    var plain: String
}
