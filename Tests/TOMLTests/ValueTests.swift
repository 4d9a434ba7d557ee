import TOML
import Testing

@Suite struct ValueTests {
    private static let document = """
        s = "text"
        i = 7
        f = 7.5
        b = true
        odt = 1979-05-27T07:32:00Z
        ldt = 1979-05-27T07:32:00
        ld = 1979-05-27
        lt = 07:32:00
        a = [1]
        t = {}
        """

    @Test func typeNamesCoverEveryKind() throws {
        let root = try parse(Self.document)
        #expect(root.entries.map(\.value.typeName)
            == ["string", "integer", "float", "boolean", "datetime", "datetime", "date", "time", "array", "table"])
    }

    @Test func accessorsReturnOnlyTheirOwnKind() throws {
        let root = try parse(Self.document)
        let integer = try #require(root["i"])
        #expect(integer.integerValue == 7)
        #expect(integer.floatValue == nil, "integers are not converted to floats")
        #expect(integer.stringValue == nil && integer.booleanValue == nil && integer.arrayValue == nil)
        #expect(integer.tableValue == nil && integer.dateTimeValue == nil && integer.dateValue == nil)
        #expect(integer.timeValue == nil)
        #expect(root["s"]?.stringValue == "text" && root["f"]?.floatValue == 7.5)
        #expect(root["odt"]?.dateTimeValue?.offsetMinutes == 0 && root["ldt"]?.dateTimeValue?.offsetMinutes == nil)
        #expect(root["ld"]?.dateTimeValue == nil && root["ld"]?.dateValue?.description == "1979-05-27")
        #expect(root["lt"]?.timeValue?.description == "07:32:00")
        #expect(root["a"]?.arrayValue?.first?.integerValue == 1 && root["t"]?.tableValue?.isEmpty == true)
    }

    @Test func semanticErrorsCanPointAtAValue() throws {
        let root = try parse("[agent]\nname = 'x'\nprot = 4000\n")
        let agent = try #require(root["agent"]?.tableValue)
        let unknown = try #require(agent.entries.first { $0.key != "name" })
        let error = TOMLError(location: unknown.value.location, message: "unknown key '\(unknown.key)' in [agent]")
        #expect(error.description == "line 3, column 1: unknown key 'prot' in [agent]")
    }

    @Test func messagesQuoteKeysThatAreNotBare() {
        expectError("\"a b\".c = 1\n\"a b\".c = 2", line: 2, containing: "duplicate key '\"a b\".c'")
        expectError("\"tab\\there\" = 1\n'tab\there' = 2", line: 2, containing: "duplicate key '\"tab\\there\"'")
        expectError("\"\\u0001\" = 1\n\"\\u0001\" = 2", line: 2, containing: "duplicate key '\"\\u0001\"'")
    }
}
