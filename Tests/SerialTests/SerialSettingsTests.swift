import AgentCore
import Serial
import Testing

@Suite("Serial settings")
struct SerialSettingsTests {
    @Test("the defaults are 115200 8N1 without flow control")
    func defaults() throws {
        let settings = SerialSettings.default
        #expect(settings == (try SerialSettings()))
        #expect(settings.description == "115200 8N1")
        #expect(!settings.rtscts && !settings.xonxoff)
    }

    @Test("JSON uses the RPC's field names and pyserial's spellings")
    func encodesRPCFields() throws {
        let settings = try SerialSettings(baud: 9600, bytesize: 7, parity: .mark, stopbits: .onePointFive, rtscts: true)
        let json = String(decoding: try AgentJSON.encode(settings), as: UTF8.self)
        #expect(json == #"{"baud":9600,"bytesize":7,"parity":"M","rtscts":true,"stopbits":1.5,"xonxoff":false}"#)
        #expect(try AgentJSON.decode(SerialSettings.self, from: Array(json.utf8)) == settings)
    }

    @Test("every parity and stop-bit count decodes", arguments: ["N", "E", "O", "M", "S"], [1, 1.5, 2])
    func decodesEveryValue(parity: String, stopbits: Double) throws {
        let json = #"{"parity":"\#(parity)","stopbits":\#(stopbits)}"#
        let settings = try AgentJSON.decode(SerialSettings.self, from: Array(json.utf8))
        #expect(settings.parity.rawValue == parity)
        #expect(settings.stopbits.count == stopbits)
        #expect(settings.baud == 115_200 && settings.bytesize == 8)
    }

    @Test(
        "a bad value is refused with the field and what is allowed",
        arguments: [
            (#"{"baud":0}"#, "invalid serial settings: baud 0 is not a positive rate up to 4294967295"),
            (#"{"baud":-9600}"#, "invalid serial settings: baud -9600 is not a positive rate up to 4294967295"),
            (
                #"{"baud":5000000000}"#,
                "invalid serial settings: baud 5000000000 is not a positive rate up to 4294967295"
            ),
            (#"{"bytesize":9}"#, "invalid serial settings: bytesize 9 is not one of 5, 6, 7, 8"),
            (#"{"bytesize":4}"#, "invalid serial settings: bytesize 4 is not one of 5, 6, 7, 8"),
            (#"{"parity":"X"}"#, #"invalid serial settings: parity "X" is not one of "N", "E", "O", "M", "S""#),
            (#"{"parity":"none"}"#, #"invalid serial settings: parity "none" is not one of "N", "E", "O", "M", "S""#),
            (#"{"stopbits":3}"#, "invalid serial settings: stopbits 3 is not one of 1, 1.5, 2"),
            (#"{"stopbits":0.5}"#, "invalid serial settings: stopbits 0.5 is not one of 1, 1.5, 2"),
        ])
    func refusesBadValues(json: String, message: String) throws {
        let error = try #require(throws: SerialSettingsError.self) {
            try AgentJSON.decode(SerialSettings.self, from: Array(json.utf8))
        }
        #expect(error.description == message)
    }

    @Test("the initializer and replacing check the values too")
    func initializerChecks() throws {
        #expect(throws: SerialSettingsError(.baud, value: "0")) { try SerialSettings(baud: 0) }
        #expect(throws: SerialSettingsError(.bytesize, value: "9")) { try SerialSettings(bytesize: 9) }
        let settings = try SerialSettings.default.replacing(baud: 9600, parity: .even)
        #expect(settings.description == "9600 8E1")
        #expect(throws: SerialSettingsError(.bytesize, value: "4")) { try settings.replacing(bytesize: 4) }
    }
}
