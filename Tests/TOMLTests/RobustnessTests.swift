import TOML
import Testing

/// Inputs that could crash, overflow the stack or take quadratic time in a careless parser.
@Suite struct RobustnessTests {
    private static let limit = TOMLDocument.maximumNestingDepth

    @Test func nestingUpToTheLimitParses() throws {
        let arrays = "a = " + String(repeating: "[", count: Self.limit) + String(repeating: "]", count: Self.limit)
        #expect(try parse(arrays)["a"]?.arrayValue?.count == 1)
        let header = "[" + Array(repeating: "t", count: Self.limit).joined(separator: ".") + "]"
        #expect(try parse(header)["t"] != nil)
    }

    @Test func deeperNestingIsAnErrorNotACrash() {
        let message = "nested more than \(Self.limit) levels deep"
        let tooDeep = Self.limit + 1
        let arrays = "a = " + String(repeating: "[", count: tooDeep) + String(repeating: "]", count: tooDeep)
        expectError(arrays, line: 1, containing: message)
        expectError("x = 1\na = " + String(repeating: "[", count: 200_000), line: 2, containing: message)
        expectError("a = " + String(repeating: "{b=", count: 100_000), line: 1, containing: message)
        expectError("a = " + String(repeating: "[{b=", count: 50_000), line: 1, containing: message)
        let header = "[" + Array(repeating: "t", count: 50_000).joined(separator: ".") + "]"
        expectError(header, line: 1, containing: message)
        let dotted = Array(repeating: "k", count: 50_000).joined(separator: ".") + " = 1"
        expectError(dotted, line: 1, containing: message)
        let mixed = "[" + Array(repeating: "t", count: 60).joined(separator: ".") + "]\n"
            + Array(repeating: "k", count: 30).joined(separator: ".") + " = " + String(repeating: "[", count: 20)
        expectError(mixed, line: 2, containing: message)
    }

    @Test func wideAndLongDocumentsParseInLinearTime() throws {
        let count = 50_000
        let wideArray = "a = [" + String(repeating: "1, ", count: count) + "]"
        let manyKeys = (0..<count).map { "k\($0) = \($0)\n" }.joined()
        let longString = "s = \"" + String(repeating: "é", count: 200_000) + "\" x"
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try parse(wideArray)["a"]?.arrayValue?.count == count)
        let root = try parse(manyKeys)
        #expect(root.count == count && root["k49999"]?.location.line == count)
        #expect(parseError(longString)?.location.column == 200_008)
        // Linear work takes well under a second even in a debug build; quadratic work would take minutes.
        #expect(clock.now - start < .seconds(20))
    }

    @Test func everyPrefixOfADocumentIsHandled() {
        let document = Array("""
            [a]
            b = "c\\u00E9" # d
            e = [1, 2.5, 1979-05-27T07:32:00Z, { f = 'g' }]
            [[h.i]]
            j = \"\"\"
            k\\
              l\"\"\"
            """.utf8)
        var accepted = 0
        for end in 0...document.count {
            let text = String(decoding: document[0..<end], as: UTF8.self)
            if (try? TOMLDocument(parsing: text)) != nil {
                accepted += 1
            }
        }
        #expect(accepted > 10, "some prefixes end at a line boundary and are valid")
    }

    @Test func everySingleByteDocumentIsHandled() {
        var accepted = 0
        for byte in UInt8.min...UInt8.max {
            let text = String(decoding: [byte], as: UTF8.self)
            if (try? TOMLDocument(parsing: text)) != nil {
                accepted += 1
            }
        }
        // Only space, tab, line feed and an empty comment are complete documents on their own.
        #expect(accepted == 4)
    }
}
