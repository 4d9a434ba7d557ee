import Logging
import Systemd
import Testing

/// Building journal fields from log records, without sending anything.
@Suite struct JournalFieldsTests {
    @Test func recordCarriesStandardFieldsThenMetadataInKeyOrder() {
        let fields = JournalFields.make(
            level: .info,
            message: "board added",
            metadata: ["port": "/dev/ttyUSB0", "device": "ttyUSB0"],
            identifier: "pio-agentd",
            label: "agent.inventory",
            file: "Inventory/Board.swift",
            function: "add(_:)",
            line: 42
        )
        #expect(
            fields == [
                JournalField(name: "MESSAGE", value: "board added"),
                JournalField(name: "PRIORITY", value: "6"),
                JournalField(name: "SYSLOG_IDENTIFIER", value: "pio-agentd"),
                JournalField(name: "LOGGER", value: "agent.inventory"),
                JournalField(name: "CODE_FILE", value: "Inventory/Board.swift"),
                JournalField(name: "CODE_LINE", value: "42"),
                JournalField(name: "CODE_FUNC", value: "add(_:)"),
                JournalField(name: "DEVICE", value: "ttyUSB0"),
                JournalField(name: "PORT", value: "/dev/ttyUSB0"),
            ]
        )
    }

    @Test(
        "levels map to syslog priorities",
        arguments: [
            (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
        ]
    )
    func priority(level: Logger.Level, expected: Int) {
        #expect(JournalFields.priority(for: level) == expected)
    }

    @Test(
        "metadata keys become valid journal field names",
        arguments: [
            ("device", "DEVICE"),
            ("usb.vendor-id", "USB_VENDOR_ID"),
            ("Board Name", "BOARD_NAME"),
            ("grüße", "GR_SSE"),
            ("_pid", "META__PID"),
            ("9lives", "META_9LIVES"),
            ("", "META_"),
            ("message", "META_MESSAGE"),
            ("priority", "META_PRIORITY"),
            ("code_line", "META_CODE_LINE"),
            ("message_id", "MESSAGE_ID"),
        ]
    )
    func fieldName(key: String, expected: String) {
        #expect(JournalFields.fieldName(forMetadataKey: key) == expected)
    }

    @Test func longKeysAreCutToTheJournalLimit() {
        let name = JournalFields.fieldName(forMetadataKey: String(repeating: "k", count: 100))
        #expect(name == String(repeating: "K", count: 64))
        let prefixed = JournalFields.fieldName(forMetadataKey: "_" + String(repeating: "k", count: 100))
        #expect(prefixed.count == 64)
        #expect(prefixed.hasPrefix("META__K"))
    }

    @Test func multiLineMessageIsKeptWhole() {
        let message = "probe failed:\n  step 1 ok\n  step 2 timed out\n"
        let fields = Self.fields(message: message, metadata: [:])
        #expect(fields.first == JournalField(name: "MESSAGE", value: message))
    }

    @Test func metadataValuesAreRenderedAsText() {
        let fields = Self.fields(
            message: "m",
            metadata: ["count": .stringConvertible(3), "ports": ["a", "b"], "note": "two\nlines"]
        )
        let values = Dictionary(fields.map { ($0.name, $0.value) }) { first, _ in first }
        #expect(values["COUNT"] == "3")
        #expect(values["PORTS"] == Logger.MetadataValue.array(["a", "b"]).description)
        #expect(values["NOTE"] == "two\nlines")
    }

    @Test func keysThatCollideAreAllKept() {
        let fields = Self.fields(message: "m", metadata: ["a-b": "dash", "a.b": "dot"])
        #expect(fields.filter { $0.name == "A_B" }.map(\.value) == ["dash", "dot"])
    }

    private static func fields(message: String, metadata: Logger.Metadata) -> [JournalField] {
        JournalFields.make(
            level: .notice,
            message: message,
            metadata: metadata,
            identifier: "pio-agentd",
            label: "test",
            file: "f.swift",
            function: "f()",
            line: 1
        )
    }
}
