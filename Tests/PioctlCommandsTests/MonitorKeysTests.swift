@testable import PioctlCommands
import Testing

@Suite struct MonitorKeysTests {
    @Test func plainKeysGoToTheBoardAndEnterSendsTheEndOfLine() {
        var keys = MonitorKeys(endOfLine: Array("\r\n".utf8))
        #expect(keys.actions(for: Array("ls\r".utf8)) == [.send(Array("ls\r\n".utf8))])
        var bare = MonitorKeys(endOfLine: [0x0A])
        #expect(bare.actions(for: [0x41, 0x0D, 0x03]) == [.send([0x41, 0x0A, 0x03])])
    }

    @Test func ctrlTThenAKeyIsACommandEvenAcrossReads() {
        var keys = MonitorKeys(endOfLine: [0x0D])
        #expect(keys.actions(for: [0x61, 0x14]) == [.send([0x61])])
        #expect(keys.actions(for: Array("d".utf8)) == [.toggleDTR])
        #expect(keys.actions(for: [0x14, 0x52, 0x14, 0x62, 0x14, 0x68]) == [.toggleRTS, .sendBreak, .help])
        #expect(keys.actions(for: [0x14, 0x7A]) == [.unknownCommand(0x7A)])
    }

    @Test func ctrlTTwiceSendsItAndCtrlRightBracketQuits() {
        var keys = MonitorKeys(endOfLine: [0x0D])
        #expect(keys.actions(for: [0x14, 0x14, 0x14, 0x1D]) == [.send([0x14, 0x1D])])
        #expect(keys.actions(for: [0x78, 0x1D, 0x79]) == [.send([0x78]), .quit])
    }
}
