import AgentCore
import TestSupport
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        (0, "1970-01-01T00:00:00.000Z"),
        (1_795_000_965_123, "2026-11-18T11:22:45.123Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func formatsAsRFC3339(milliseconds: Int64, text: String) {
        #expect(Timestamp(millisecondsSinceEpoch: milliseconds).description == text)
        #expect(Timestamp(rfc3339: text)?.millisecondsSinceEpoch == milliseconds)
    }

    @Test func roundTripsEveryMillisecondOfManyRandomDays() {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<20_000 {
            let value = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator)
            let timestamp = Timestamp(millisecondsSinceEpoch: value)
            #expect(Timestamp(rfc3339: timestamp.description) == timestamp, "\(value)")
        }
    }

    @Test func parsesFractionsOfAnyLengthAndLowercaseSeparators() {
        #expect(Timestamp(rfc3339: "2026-11-25T09:02:45Z")?.millisecondsSinceEpoch == 1_795_597_365_000)
        #expect(Timestamp(rfc3339: "2026-11-25t09:02:45.5z")?.millisecondsSinceEpoch == 1_795_597_365_500)
        #expect(Timestamp(rfc3339: "2026-11-25T09:02:45.123456789Z")?.millisecondsSinceEpoch == 1_795_597_365_123)
    }

    @Test(arguments: [
        "", "2026-11-25", "2026-11-25T09:02:45", "2026-11-25T09:02:45+01:00", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T09:60:00Z", "2026-11-25T09:02:45.Z",
        "2026-11-25X09:02:45Z", "２０26-11-25T09:02:45Z", "2026-11-25T09:02:4xZ",
    ])
    func rejectsOtherShapes(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func decodingAMalformedTimeIsAnError() throws {
        #expect(throws: DecodingError.self) {
            _ = try AgentJSON.decode([Timestamp].self, from: Array(#"["yesterday"]"#.utf8))
        }
        let decoded = try AgentJSON.decode([Timestamp].self, from: Array(#"["2026-11-25T09:02:45.123Z"]"#.utf8))
        #expect(decoded.first?.millisecondsSinceEpoch == 1_795_597_365_123)
    }
}
