@testable import PioctlCommands
import Testing

@Suite struct MonitorOutputTests {
    static let noon = (hour: 12, minute: 4, second: 31, millisecond: 25)

    @Test func withoutFiltersBytesPassUnchanged() {
        var output = MonitorOutput(filters: [])
        let bytes: [UInt8] = [0x00, 0x1B, 0x0D, 0x0A, 0xFF]
        #expect(output.render(bytes, at: Self.noon) == bytes)
    }

    @Test func timeStampsEachLineOnceEvenAcrossChunks() {
        var output = MonitorOutput(filters: [.time])
        let first = String(decoding: output.render(Array("boot\nre".utf8), at: Self.noon), as: UTF8.self)
        let second = String(decoding: output.render(Array("ady\n".utf8), at: Self.noon), as: UTF8.self)
        #expect(first + second == "12:04:31.025 > boot\n12:04:31.025 > ready\n")
    }

    @Test func hexlifyAndNocontrolMakeEveryByteVisible() {
        var hex = MonitorOutput(filters: [.hexlify])
        #expect(String(decoding: hex.render([0x48, 0x00, 0xFF, 0x0A], at: Self.noon), as: UTF8.self) == "48 00 FF 0A\n")
        var pictures = MonitorOutput(filters: [.nocontrol])
        #expect(String(decoding: pictures.render([0x41, 0x1B, 0x0D, 0x0A, 0x7F], at: Self.noon), as: UTF8.self) == "A␛␍\n␡")
    }
}
