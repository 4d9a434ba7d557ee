import AgentCore
import TestSupport
import Testing

/// `AgentJSON.encode` writes exactly the bytes Foundation's `JSONEncoder` writes (sorted keys,
/// slashes unescaped; compact and pretty).
@Suite struct AgentJSONEncodingTests {
    private func expectSameAsFoundation<Value: Encodable>(
        _ value: Value, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for pretty in [false, true] {
            let ours = try AgentJSON.encode(value, pretty: pretty)
            let foundation = try FoundationJSON.encode(value, pretty: pretty)
            #expect(ours == foundation, "pretty: \(pretty)\nours:       \(text(ours))\nFoundation: \(text(foundation))", sourceLocation: sourceLocation)
        }
    }

    @Test func theProjectsTypesEncodeAsWithFoundation() throws {
        try expectSameAsFoundation(SampleValues.status)
        try expectSameAsFoundation(SampleValues.minimalStatus)
        for device in SampleValues.devices {
            try expectSameAsFoundation(device)
        }
        try expectSameAsFoundation(SampleValues.fullSerial)
        try expectSameAsFoundation(SampleValues.ota)
        try expectSameAsFoundation(SampleValues.inventory(count: 500))
        try expectSameAsFoundation(DeviceList(agent: "empty", sequence: 0, devices: []))
        try expectSameAsFoundation(InventoryEvent(name: .added, sequence: 12, at: SampleValues.since, device: .serial(SampleValues.bareSerial)))
        try expectSameAsFoundation(InventoryEvent(snapshotAt: 13, at: SampleValues.since, devices: SampleValues.devices))
        try expectSameAsFoundation(SampleValues.sessions)
        try expectSameAsFoundation(SessionList(sessions: []))
        try expectSameAsFoundation(SampleValues.presence)
        try expectSameAsFoundation(SampleValues.agentInfo)
        try expectSameAsFoundation(RemoteInventory(agent: "lab-01", updatedAt: SampleValues.since, sequence: 5, devices: SampleValues.devices))
        try expectSameAsFoundation(SampleValues.request)
        try expectSameAsFoundation(RPCRequest(method: "agent.info"))
        try expectSameAsFoundation(RPCReply<AgentInfo>.success(SampleValues.agentInfo))
        try expectSameAsFoundation(RPCReply<AgentInfo>.failure(RPCFailure(.forbidden, "not yours")))
        try expectSameAsFoundation(APIErrorBody(code: "not_found", message: "no device /dev/x"))
    }

    @Test func randomJSONValuesEncodeAsWithFoundation() throws {
        var random = RandomJSON(seed: 0x4A53_4F4E)
        for _ in 0..<3000 {
            try expectSameAsFoundation(random.value())
        }
    }

    @Test func everyStringEscapeAsWithFoundation() throws {
        let all = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self)
        try expectSameAsFoundation(all)
        try expectSameAsFoundation([all: all])
        try expectSameAsFoundation(["a/b": "c/d", "é": "😀", "": "", "\u{0}": "\u{1F}\u{7F}"])
    }

    @Test func numbersAsWithFoundation() throws {
        try expectSameAsFoundation([Int.min, Int.max, 0, -1])
        try expectSameAsFoundation([Int8.min, Int8.max])
        try expectSameAsFoundation([Int16.min, Int16.max])
        try expectSameAsFoundation([Int32.min, Int32.max])
        try expectSameAsFoundation([Int64.min, Int64.max])
        try expectSameAsFoundation([UInt.max, 0])
        try expectSameAsFoundation([UInt8.max])
        try expectSameAsFoundation([UInt16.max])
        try expectSameAsFoundation([UInt32.max])
        try expectSameAsFoundation([UInt64.max])
        try expectSameAsFoundation([Int128.min, Int128.max])
        try expectSameAsFoundation([UInt128.max])
        try expectSameAsFoundation(["i": Int128.min])
        try expectSameAsFoundation([
            0, -0.0, 1, 115200, 1.5, 0.1, 1e20, 1e21, 1e-7, 1e-6, 1e16, 1e15, 123456789012345683968, .leastNonzeroMagnitude,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, 2.5e-8, 1.0 / 3,
        ])
        try expectSameAsFoundation([Float(0.1), 1e20, 1e-7, 3.4028235e38, -0.0, 16_777_216, 1.5])
        var random = RandomJSON(seed: 7)
        try expectSameAsFoundation((0..<2000).map { _ in random.double() })
        try expectSameAsFoundation((0..<500).map { _ in Float(random.double()) }.filter(\.isFinite))
        for value in [42, Int.min] {
            try expectSameAsFoundation(value)
        }
        try expectSameAsFoundation(2.5)
        try expectSameAsFoundation(true)
        try expectSameAsFoundation("top")
        try expectSameAsFoundation(JSONValue.null)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumbersThrowInvalidValue(value: Double) throws {
        #expect(throws: EncodingError.self) { try FoundationJSON.encode(["x": value]) }
        do {
            _ = try AgentJSON.encode(["x": [value]])
            Issue.record("\(value) encoded")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["x", "Index 0"])
        }
        #expect(throws: EncodingError.self) { try AgentJSON.encode(Float(value)) }
        #expect(throws: EncodingError.self) { try AgentJSON.encode(JSONValue.number(value)) }
    }

    @Test func containersAndDictionariesAsWithFoundation() throws {
        try expectSameAsFoundation([Int: String]())
        try expectSameAsFoundation([3: "c", 1: "a", 2: "b"])
        try expectSameAsFoundation(["b": [Int](), "a": [], "c": [1]])
        try expectSameAsFoundation([String: [String: Int]]())
        try expectSameAsFoundation(["x": [String: Int]()])
        try expectSameAsFoundation([[[]], [[1, 2], []]] as [[[Int]]])
        try expectSameAsFoundation(Optionals(a: nil, b: 1, c: nil, d: "d"))
        try expectSameAsFoundation(Optionals(a: 2, b: nil, c: [nil, 1], d: nil))
        try expectSameAsFoundation(Exotic())
        try expectSameAsFoundation([EncodesNothing()])
        try expectSameAsFoundation(["Key10": 1, "key2": 2, "KEY1": 3, "key10": 4, "_": 5, "é": 6, "e": 7, "z": 8, "😀": 9, "\u{FFFD}": 10])
    }

    @Test func aTopLevelValueThatEncodesNothingThrows() {
        #expect(throws: EncodingError.self) { try FoundationJSON.encode(NothingAtAll()) }
        #expect(throws: EncodingError.self) { try AgentJSON.encode(NothingAtAll()) }
        #expect(throws: EncodingError.self) { try FoundationJSON.encode(EncodesNothing()) }
        #expect(throws: EncodingError.self) { try AgentJSON.encode(EncodesNothing()) }
    }

    @Test func nestingIsLimitedAsInFoundation() throws {
        func nested(_ depth: Int) -> JSONValue {
            (0..<depth).reduce(JSONValue.null) { inner, _ in .array([inner]) }
        }
        try expectSameAsFoundation(nested(511))
        #expect(throws: EncodingError.self) { try FoundationJSON.encode(nested(512)) }
        #expect(throws: EncodingError.self) { try AgentJSON.encode(nested(512)) }
    }
}

/// Optional members: synthesized code leaves out nil ones.
private struct Optionals: Codable {
    var a: Int?
    var b: Double?
    var c: [Int?]?
    var d: String?
}

/// A value that encodes nothing: Foundation writes `{}` for it inside a container.
private struct EncodesNothing: Codable {
    func encode(to encoder: any Encoder) throws {}
    init() {}
    init(from decoder: any Decoder) throws {}
}

/// A top-level value that encodes nothing.
private struct NothingAtAll: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

/// Every kind of container: nested, super encoders, explicit nulls, overwritten keys.
struct Exotic: Codable, Equatable {
    enum Keys: String, CodingKey { case name, inner, list, empty, emptyList, parent, nothing, again }
    enum InnerKeys: String, CodingKey { case x, y }

    var name = "exotic"
    var x = 1.25
    var y: Int = -3
    var list = [1, 2, 3]
    var parent = "base"
    var again = "second"

    init() {}

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("first", forKey: .again)
        try container.encode(name, forKey: .name)
        var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
        try inner.encode(x, forKey: .x)
        var list = container.nestedUnkeyedContainer(forKey: .list)
        for element in self.list {
            try list.encode(element)
        }
        var nestedInList = list.nestedContainer(keyedBy: InnerKeys.self)
        try nestedInList.encodeNil(forKey: .x)
        var listInList = list.nestedUnkeyedContainer()
        try listInList.encodeNil()
        var superContainer = list.superEncoder().singleValueContainer()
        try superContainer.encode(y)
        _ = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .empty)
        _ = container.nestedUnkeyedContainer(forKey: .emptyList)
        try container.encodeNil(forKey: .nothing)
        try inner.encode(y, forKey: .y)
        var parentContainer = container.superEncoder().singleValueContainer()
        try parentContainer.encode(parent)
        _ = container.superEncoder(forKey: .parent)
        try container.encode(again, forKey: .again)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        name = try container.decode(String.self, forKey: .name)
        let inner = try container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
        x = try inner.decode(Double.self, forKey: .x)
        y = try inner.decode(Int.self, forKey: .y)
        var list = try container.nestedUnkeyedContainer(forKey: .list)
        self.list = []
        while list.currentIndex < 3 {
            self.list.append(try list.decode(Int.self))
        }
        let nestedInList = try list.nestedContainer(keyedBy: InnerKeys.self)
        guard try nestedInList.decodeNil(forKey: .x) else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "x")) }
        var listInList = try list.nestedUnkeyedContainer()
        guard try listInList.decodeNil(), listInList.isAtEnd else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "y")) }
        guard try list.superDecoder().singleValueContainer().decode(Int.self) == y, list.isAtEnd else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "z"))
        }
        guard try container.decodeNil(forKey: .nothing), try container.nestedContainer(keyedBy: InnerKeys.self, forKey: .empty).allKeys.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "nothing"))
        }
        parent = try container.superDecoder().singleValueContainer().decode(String.self)
        again = try container.decode(String.self, forKey: .again)
        guard try container.superDecoder(forKey: .parent).container(keyedBy: InnerKeys.self).allKeys.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "parent"))
        }
    }
}
