import RFC2217
import Testing

@Suite struct ModemNotificationTests {
    /// A server whose client has enabled COM-PORT-OPTION, with the activation's
    /// NOTIFY-MODEMSTATE already taken.
    private func activeServer(_ lines: ModemState = []) -> RFC2217Server {
        var server = RFC2217Server(initial: SerialState(modemLines: lines))
        _ = server.greeting()
        _ = server.receive([255, 251, 44, 255, 253, 44])
        return server
    }

    private func notify(_ value: UInt8) -> [UInt8] {
        [255, 250, 44, 107] + (value == 255 ? [255, 255] : [value]) + [255, 240]
    }

    @Test func changesCarryTheirChangeFlags() {
        var server = activeServer([.cd])
        #expect(server.modemStateChanged([.cd, .cts]) == notify(0x91))
        #expect(server.modemStateChanged([.cd, .cts, .dsr]) == notify(0xB2))
        #expect(server.modemStateChanged([.dsr]) == notify(0x29))
        #expect(server.state.modemLines == [.dsr])
    }

    @Test func nothingIsSentWhenNoLineChanged() {
        var server = activeServer([.cts])
        #expect(server.modemStateChanged([.cts]) == nil)
        #expect(server.modemStateChanged([.cts, .ctsChanged]) == nil)
    }

    /// Ring Indicator's flag is for its trailing edge only.
    @Test func ringIndicatorFlagsTheTrailingEdge() {
        var server = activeServer()
        #expect(server.modemStateChanged([.ri]) == notify(0x40))
        #expect(server.modemStateChanged([]) == notify(0x04))
    }

    @Test func allLinesChangingAtOnce() {
        var server = activeServer()
        #expect(server.modemStateChanged([.cts, .dsr, .ri, .cd]) == notify(0xFB))
        #expect(server.modemStateChanged([]) == notify(0x0F))
        var masked = activeServer([.ri])
        #expect(masked.modemStateChanged([.cts, .dsr, .cd]) == notify(0xBF))
        #expect(masked.modemStateChanged([.cts, .dsr, .ri, .cd]) == notify(0xF0))
    }

    /// RFC 2217: the new state AND the mask, sent when not zero.
    @Test func theMaskFiltersNotifications() {
        var server = activeServer()
        _ = server.receive([255, 250, 44, 11, 0x01, 255, 240])
        #expect(server.modemStateChanged([.dsr]) == nil)
        #expect(server.modemStateChanged([.dsr, .cts]) == notify(0x01))
        _ = server.receive([255, 250, 44, 11, 0x00, 255, 240])
        #expect(server.modemStateChanged([]) == nil)
    }

    @Test func aPollIsAnsweredWhateverTheMaskWithFlagsSinceTheLastReport() {
        var server = activeServer([.cd])
        _ = server.receive([255, 250, 44, 11, 0x00, 255, 240])
        #expect(server.modemStateChanged([.cd, .cts]) == nil)
        #expect(server.acknowledge(.requestModemState, applied: server.state) == notify(0x91))
        #expect(server.acknowledge(.requestModemState, applied: server.state) == notify(0x90))
    }

    @Test func noNotificationBeforeComPortIsActive() {
        var server = RFC2217Server()
        #expect(server.modemStateChanged([.cts]) == nil)
        #expect(server.lineStateChanged(.breakDetect) == nil)
        #expect(server.state.modemLines == [.cts])
        _ = server.greeting()
        #expect(server.receive([255, 251, 44]) == [.reply(notify(0x10))])
    }

    @Test func aZeroMaskBeforeActivationSilencesTheFirstReport() {
        var server = RFC2217Server(initial: SerialState(modemLines: [.cts]))
        _ = server.greeting()
        #expect(server.receive([255, 250, 44, 11, 0, 255, 240]) == [.command(.setModemStateMask([]))])
        #expect(server.receive([255, 251, 44, 255, 253, 44]).isEmpty)
        _ = server.receive([255, 250, 44, 11, 255, 255, 255, 240])
        #expect(server.modemStateChanged([.cts, .dsr]) == notify(0x33))
    }

    /// The line state mask starts at 0: nothing is sent until the client sets one.
    @Test func lineStateNotificationsFollowTheMask() {
        var server = activeServer()
        #expect(server.lineStateChanged(.overrunError) == nil)
        _ = server.receive([255, 250, 44, 10, 0x12, 255, 240])
        #expect(server.lineStateChanged([.overrunError, .dataReady]) == [255, 250, 44, 106, 0x02, 255, 240])
        #expect(server.lineStateChanged([.overrunError, .dataReady]) == nil)
        #expect(server.lineStateChanged(.dataReady) == nil)
        #expect(server.lineStateChanged(.breakDetect) == [255, 250, 44, 106, 0x10, 255, 240])
        #expect(server.state.lineState == .breakDetect)
    }
}
