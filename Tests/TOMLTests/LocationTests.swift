import TOML
import Testing

@Suite struct LocationTests {
    private static let agentConfig = """
        # pio-agent configuration
        [agent]
        name = "bench-3"

        [[devices.static]]
        path = "/dev/ttyUSB0"
        port = 4000

        [[devices.static]]
        path = "/dev/ttyUSB1"
          port = 4001
        options = { baud = 115200, parity.mode = "none" }
        ports = [
            1,
              2,
        ]
        """

    @Test func keysReportTheirOwnLineAndColumn() throws {
        let root = try parse(Self.agentConfig)
        let agent = try #require(root["agent"])
        #expect(agent.location == TOMLSourceLocation(line: 2, column: 2))
        #expect(agent.tableValue?["name"]?.location == TOMLSourceLocation(line: 3, column: 1))
    }

    @Test func arrayOfTablesElementsReportTheirHeaders() throws {
        let root = try parse(Self.agentConfig)
        let devices = try #require(root["devices"])
        #expect(devices.location.line == 5, "implicitly created by the first header")
        let staticDevices = try #require(devices.tableValue?["static"])
        #expect(staticDevices.location.line == 5, "the array is where the first [[header]] is")
        let elements = try #require(staticDevices.arrayValue)
        #expect(elements.map(\.location.line) == [5, 9])
        #expect(elements[1].tableValue?.location.line == 9)
        let port = try #require(elements[1].tableValue?["port"])
        #expect(port.location == TOMLSourceLocation(line: 11, column: 3))
        #expect(port.integerValue == 4001)
    }

    @Test func inlineTablesDottedKeysAndArrayElements() throws {
        let root = try parse(Self.agentConfig)
        let second = try #require(root["devices"]?.tableValue?["static"]?.arrayValue?[1].tableValue)
        let options = try #require(second["options"])
        #expect(options.location == TOMLSourceLocation(line: 12, column: 1))
        #expect(options.tableValue?.location == TOMLSourceLocation(line: 12, column: 11), "the '{' of the table")
        #expect(options.tableValue?["baud"]?.location == TOMLSourceLocation(line: 12, column: 13))
        let parity = try #require(options.tableValue?["parity"])
        #expect(parity.location == TOMLSourceLocation(line: 12, column: 28))
        #expect(parity.tableValue?["mode"]?.location == TOMLSourceLocation(line: 12, column: 35))
        let ports = try #require(second["ports"]?.arrayValue)
        #expect(ports.map(\.location)
            == [TOMLSourceLocation(line: 14, column: 5), TOMLSourceLocation(line: 15, column: 7)])
    }

    @Test func tablesDefinedLaterMoveToTheirHeader() throws {
        let root = try parse("[a.b]\nx = 1\n\n[a]\ny = 2")
        #expect(root["a"]?.location.line == 4)
        #expect(root["a"]?.tableValue?.location.line == 4)
        #expect(root["a"]?.tableValue?["b"]?.location.line == 1)
    }

    @Test func dottedKeyTablesReportTheirFirstKey() throws {
        let root = try parse("x = 0\nserver.host = 'a'\nserver.port = 1")
        #expect(root["server"]?.location == TOMLSourceLocation(line: 2, column: 1))
        #expect(root["server"]?.tableValue?["port"]?.location == TOMLSourceLocation(line: 3, column: 8))
        #expect(root.location == .documentStart)
    }

    @Test func columnsCountUnicodeScalarsAndLinesCountCRLF() throws {
        let root = try parse("\"日本\" = 'é'\nb = 1\r\n\r\nc = \"\"\"\r\n\r\n\"\"\"\r\n  d = 4")
        #expect(root["b"]?.location == TOMLSourceLocation(line: 2, column: 1))
        #expect(root["c"]?.location.line == 4)
        #expect(root["d"]?.location == TOMLSourceLocation(line: 7, column: 3))
        let error = parseError("\"日本\" = 1 x")
        #expect(error?.location == TOMLSourceLocation(line: 1, column: 10))
    }

    @Test func errorDescriptionNamesLineAndColumn() {
        let error = TOMLError(location: TOMLSourceLocation(line: 3, column: 7), message: "unknown key 'prot'")
        #expect(error.description == "line 3, column 7: unknown key 'prot'")
        #expect(TOMLSourceLocation(line: 2, column: 9) < TOMLSourceLocation(line: 3, column: 1))
    }
}
