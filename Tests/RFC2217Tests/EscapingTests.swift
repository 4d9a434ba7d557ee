import TestSupport
import RFC2217
import Testing

@Suite struct EscapingTests {
    @Test func outgoingDataDoublesEveryIAC() {
        let server = RFC2217Server()
        #expect(server.encodeData([]) == [])
        #expect(server.encodeData([1, 2, 3]) == [1, 2, 3])
        #expect(server.encodeData([255]) == [255, 255])
        #expect(server.encodeData([0, 255, 255, 10]) == [0, 255, 255, 255, 255, 10])
    }

    /// pyserial's `Serial.write` sends `data.replace(IAC, IAC_DOUBLED)`.
    @Test func incomingDoubledIACIsOneDataByte() {
        var server = RFC2217Server()
        #expect(server.receive([104, 255, 255, 105]) == [.data([104, 255, 105])])
        #expect(server.receive([255, 255, 255, 255]) == [.data([255, 255])])
    }

    @Test func dataAroundCommandsKeepsItsOrder() {
        var server = RFC2217Server()
        let events = server.receive([1, 2, 255, 250, 44, 12, 1, 255, 240, 3, 255, 241, 4])
        #expect(events == [.data([1, 2]), .command(.purge(.receive)), .data([3, 4])])
        #expect(server.statistics.ignoredTelnetCommands == 1)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func everyByteValueRoundTrips(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let payload = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) } + Array(0...255)
        let sender = RFC2217Server()
        var receiver = RFC2217Server()
        #expect(receiver.receive(sender.encodeData(payload)) == [.data(payload)])
    }
}
