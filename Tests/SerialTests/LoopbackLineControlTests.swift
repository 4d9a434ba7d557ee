import Serial
import TestSupport
import Testing

@Suite struct LoopbackLineControlTests {
    @Test("DTR drives DSR and CD, RTS drives CTS, and a port opened on it reads them back")
    func linesLoopBack() throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath, lineControl: LoopbackLineControl())
        defer { port.close() }
        #expect(try port.modemLines == SerialModemLines())
        try port.setDTR(true)
        #expect(try port.modemLines == SerialModemLines(dtr: true, dsr: true, cd: true))
        try port.setRTS(true)
        try port.setDTR(false)
        #expect(try port.modemLines == SerialModemLines(rts: true, cts: true))
        // Another port's loopback is its own.
        #expect(try LoopbackLineControl().modemLines(descriptor: 0) == SerialModemLines())
    }
}
