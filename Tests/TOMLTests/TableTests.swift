import TOML
import Testing

@Suite struct TableTests {
    @Test func keysKeepDocumentOrderAcrossHeadersAndDottedKeys() throws {
        let root = try parse("""
            zebra = 1
            apple.x = 2
            "quoted key" = 3
            'literal' = 4
            [middle]
            """)
        #expect(root.keys == ["zebra", "apple", "quoted key", "literal", "middle"])
        #expect(root.count == 5 && !root.isEmpty)
        #expect(root.entries.map(\.key) == root.keys)
    }

    @Test func dottedKeysCreateNestedTables() throws {
        let root = try parse("""
            name = "Orange"
            physical.color = "orange"
            physical . shape = "round"
            site."google.com" = true
            3.14159 = "pi"
            """)
        let physical = try #require(root["physical"]?.tableValue)
        #expect(physical["color"]?.stringValue == "orange" && physical["shape"]?.stringValue == "round")
        #expect(root["site"]?.tableValue?["google.com"]?.booleanValue == true)
        #expect(root["3"]?.tableValue?["14159"]?.stringValue == "pi")
    }

    @Test func keysMatchByExactScalars() throws {
        let root = try parse("\"\u{E9}\" = 1\n\"e\u{301}\" = 2\n\"\" = 3")
        #expect(root.count == 3)
        #expect(root["\u{E9}"]?.integerValue == 1)
        #expect(root["e\u{301}"]?.integerValue == 2)
        #expect(root[""]?.integerValue == 3)
        #expect(root["missing"] == nil)
    }

    @Test func bareKeysThatLookLikeOtherValues() throws {
        let root = try parse("true = 1\n1234 = 2\n-_- = 3\n1979-05-27 = 4\ninf = 5")
        #expect(root.keys == ["true", "1234", "-_-", "1979-05-27", "inf"])
    }

    @Test func headersCreateAndExtendTables() throws {
        let root = try parse("""
            [x.y.z.w]
            a = 1
            [x]
            b = 2
            [ x . y ]
            c = 3
            [x.y.z.w2]
            """)
        let x = try #require(root["x"]?.tableValue)
        #expect(x.keys == ["y", "b"])
        #expect(x["y"]?.tableValue?.keys == ["z", "c"])
        #expect(x["y"]?.tableValue?["z"]?.tableValue?.keys == ["w", "w2"])
    }

    @Test func subTablesMayFollowTablesDefinedByDottedKeys() throws {
        let root = try parse("""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true
            [fruit.apple.texture]
            smooth = true
            """)
        let apple = try #require(root["fruit"]?.tableValue?["apple"]?.tableValue)
        #expect(apple.keys == ["color", "taste", "texture"])
    }

    @Test func arraysOfTablesCollectOneTablePerHeader() throws {
        let root = try parse("""
            [[fruits]]
            name = "apple"
            [fruits.physical]
            color = "red"
            [[fruits.varieties]]
            name = "red delicious"
            [[fruits.varieties]]
            name = "granny smith"
            [[fruits]]
            name = "banana"
            [[fruits.varieties]]
            name = "plantain"
            """)
        let fruits = try #require(root["fruits"]?.arrayValue)
        #expect(fruits.count == 2)
        let apple = try #require(fruits[0].tableValue)
        #expect(apple["physical"]?.tableValue?["color"]?.stringValue == "red")
        #expect(apple["varieties"]?.arrayValue?.compactMap { $0.tableValue?["name"]?.stringValue }
            == ["red delicious", "granny smith"])
        #expect(fruits[1].tableValue?["varieties"]?.arrayValue?.count == 1)
    }

    @Test func inlineTablesAndArraysNest() throws {
        let root = try parse("""
            point = { x = 1, y = 2, z.w = { q = [] } }
            empty = {}
            points = [ { x = 1 }, { x = 2 },
              # a comment inside an array
              { x = 3 }, ]
            mixed = [ 1, "two", 3.0, [4], { five = 5 } ]
            """)
        let point = try #require(root["point"]?.tableValue)
        #expect(point.keys == ["x", "y", "z"])
        #expect(point["z"]?.tableValue?["w"]?.tableValue?["q"]?.arrayValue?.isEmpty == true)
        #expect(root["empty"]?.tableValue?.isEmpty == true)
        #expect(root["points"]?.arrayValue?.count == 3)
        #expect(root["mixed"]?.arrayValue?.map(\.typeName) == ["integer", "string", "float", "array", "table"])
    }

    @Test func inlineTableValuesMaySpanLinesInsideArrays() throws {
        let root = try parse("a = { b = [\n1,\n2\n] }")
        #expect(root["a"]?.tableValue?["b"]?.arrayValue?.count == 2)
    }

    @Test func commentsBlankLinesAndCRLFAreAccepted() throws {
        let root = try parse("# header comment\r\n\r\n  key = 1 # trailing\r\n\t[t] # table\r\nx = 'é' #\r\n")
        #expect(root["key"]?.integerValue == 1)
        #expect(root["t"]?.tableValue?["x"]?.stringValue == "é")
        #expect(try parse("").isEmpty)
        #expect(try parse("# only a comment").isEmpty)
    }

    @Test func redefinitionsAreRejected() {
        expectError("[a]\nb = 1\n[a]\nc = 2", line: 3,
            containing: "table [a] is defined twice (first defined on line 1)")
        expectError("[a.b]\n[a]\n[a]", line: 3, containing: "defined twice (first defined on line 2)")
        expectError("a.b = 1\n[a]", line: 2, containing: "already defined with dotted keys on line 1")
        expectError("a.b.c = 1\n[a.b]", line: 2, containing: "already defined with dotted keys")
        expectError("[fruit]\napple.color = 'red'\n[fruit.apple]", line: 3, containing: "dotted keys")
        expectError("[a.b]\nx = 1\n[a]\nb.y = 2", line: 4, containing: "defined by a [header] on line 1")
        expectError("[a]\nb.c = 1\n[a.d]\n[a]", line: 4, containing: "defined twice")
        expectError("a = 1\na = 2", line: 2, containing: "duplicate key 'a' (first defined on line 1)")
        expectError("a = 1\n\"a\" = 2", line: 2, containing: "duplicate key")
        expectError("a.b = 1\na.b = 2", line: 2, containing: "duplicate key 'a.b'")
        expectError("a.b = 1\na = 2", line: 2, containing: "duplicate key 'a'")
        expectError("a = 1\na.b = 2", line: 2, containing: "already an integer defined on line 1")
        expectError("a = {}\n[a]", line: 2, containing: "already an inline table")
        expectError("a = {b = 1}\na.c = 2", line: 2, containing: "inline tables cannot be extended")
        expectError("a = {b = 1}\n[a.c]", line: 2, containing: "is an inline table")
        expectError("a = { b = {c = 1}, b.d = 2 }", line: 1, containing: "inline tables cannot be extended")
        expectError("a = { b = 1, b = 2 }", line: 1, containing: "duplicate key 'b'")
        expectError("a = []\n[[a]]", line: 2, containing: "cannot append to static array")
        expectError("[a]\n[[a]]", line: 2, containing: "a table with that name was already defined on line 1")
        expectError("[[a]]\n[a]", line: 2, containing: "it is an array of tables")
        expectError("[[a]]\n[a.b]\n[[a]]\nb.c = 1\n[a.b]", line: 5, containing: "dotted keys")
        expectError("[[a]]\n[a.b]\n[[a]]\n[a.b]\n[a.b]", line: 5, containing: "defined twice (first defined on line 4)")
        expectError("[[a]]\nb = 1\n[a.b]", line: 3,
            containing: "[a.b]: the key is already an integer defined on line 2")
        expectError("[[a.b]]\n[a]\nb.c = 1", line: 3, containing: "is an array of tables")
        expectError("[a.b.c]\n[a]\nb.d = 1\n[a.b]", line: 4, containing: "dotted keys")
    }

    @Test func implicitTablesMayBeDefinedOnceAndExtendedByDottedKeys() throws {
        let root = try parse("[a.b.c]\n[a]\nb.d = 1\nx = 2")
        let a = try #require(root["a"]?.tableValue)
        #expect(a.keys == ["b", "x"])
        #expect(a["b"]?.tableValue?.keys == ["c", "d"])
    }

    @Test func eachArrayElementIsAFreshNamespace() throws {
        let root = try parse("[[a]]\nb.c = 1\n[a.d]\n[[a]]\nb.c = 2\n[a.d]")
        #expect(root["a"]?.arrayValue?.count == 2)
    }
}
