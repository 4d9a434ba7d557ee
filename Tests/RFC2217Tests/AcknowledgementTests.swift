import RFC2217
import Testing

/// The server's answers: the client's code plus 100 with the value in force, which pyserial's
/// `TelnetSubnegotiation.check_answer` compares with the value it sent (a different value
/// makes `is_ready` raise "remote rejected value").
@Suite struct AcknowledgementTests {
    private let port = SerialState(
        baudRate: 921_600, dataSize: .seven, parity: .even, stopBits: .two, flowControl: .hardware,
        inboundFlowControl: .xonXoff, breakSignal: true, dtr: true, rts: false, modemLines: [.cts, .cd],
        lineState: .dataReady
    )

    private func acknowledgement(_ command: RFC2217Command, _ state: SerialState? = nil) -> [UInt8] {
        var server = RFC2217Server(initial: port, signature: "bridge")
        return server.acknowledge(command, applied: state ?? port)
    }

    @Test func settingsReportTheValueInForce() {
        #expect(acknowledgement(.setBaudRate(.set(921_600))) == [255, 250, 44, 101, 0, 14, 16, 0, 255, 240])
        #expect(acknowledgement(.setDataSize(.set(.seven))) == [255, 250, 44, 102, 7, 255, 240])
        #expect(acknowledgement(.setParity(.set(.even))) == [255, 250, 44, 103, 3, 255, 240])
        #expect(acknowledgement(.setStopSize(.set(.two))) == [255, 250, 44, 104, 2, 255, 240])
    }

    /// RFC 2217: value 0 asks for the current value, answered like a change.
    @Test func queriesReportTheCurrentValue() {
        #expect(acknowledgement(.setBaudRate(.query)) == [255, 250, 44, 101, 0, 14, 16, 0, 255, 240])
        #expect(acknowledgement(.setDataSize(.query)) == [255, 250, 44, 102, 7, 255, 240])
        #expect(acknowledgement(.setParity(.query)) == [255, 250, 44, 103, 3, 255, 240])
        #expect(acknowledgement(.setStopSize(.query)) == [255, 250, 44, 104, 2, 255, 240])
    }

    /// A port that could not take the value reports the one it kept.
    @Test func aRefusedValueIsReportedAsTheOneKept() {
        #expect(acknowledgement(.setBaudRate(.set(5_000_000))) == [255, 250, 44, 101, 0, 14, 16, 0, 255, 240])
    }

    @Test func setControlReportsTheSettingItConcerns() {
        #expect(acknowledgement(.setControl(.flowControl(.set(.hardware)))) == [255, 250, 44, 105, 3, 255, 240])
        #expect(acknowledgement(.setControl(.flowControl(.query))) == [255, 250, 44, 105, 3, 255, 240])
        #expect(acknowledgement(.setControl(.inboundFlowControl(.query))) == [255, 250, 44, 105, 15, 255, 240])
        #expect(acknowledgement(.setControl(.breakSignal(.query))) == [255, 250, 44, 105, 5, 255, 240])
        #expect(acknowledgement(.setControl(.dtr(.set(true)))) == [255, 250, 44, 105, 8, 255, 240])
        #expect(acknowledgement(.setControl(.rts(.query))) == [255, 250, 44, 105, 12, 255, 240])
        var off = port
        off.breakSignal = false
        off.dtr = false
        off.rts = true
        #expect(acknowledgement(.setControl(.breakSignal(.set(false))), off) == [255, 250, 44, 105, 6, 255, 240])
        #expect(acknowledgement(.setControl(.dtr(.set(false))), off) == [255, 250, 44, 105, 9, 255, 240])
        #expect(acknowledgement(.setControl(.rts(.set(true))), off) == [255, 250, 44, 105, 11, 255, 240])
    }

    @Test func purgeMasksStatesAndSignature() {
        #expect(acknowledgement(.purge(.receive)) == [255, 250, 44, 112, 1, 255, 240])
        #expect(acknowledgement(.purge(.both)) == [255, 250, 44, 112, 3, 255, 240])
        #expect(acknowledgement(.requestLineState) == [255, 250, 44, 106, 1, 255, 240])
        #expect(acknowledgement(.requestModemState) == [255, 250, 44, 107, 0x90, 255, 240])
        #expect(acknowledgement(.signature(.query)) == [255, 250, 44, 100] + Array("bridge".utf8) + [255, 240])
        var server = RFC2217Server(initial: port)
        _ = server.receive([255, 250, 44, 10, 0x12, 255, 240, 255, 250, 44, 11, 0xFF, 0xFF, 255, 240])
        #expect(server.acknowledge(.setLineStateMask(LineState(rawValue: 0x12)), applied: port) == [255, 250, 44, 110, 0x12, 255, 240])
        #expect(server.acknowledge(.setModemStateMask(.all), applied: port) == [255, 250, 44, 111, 255, 255, 255, 240])
    }

    /// RFC 2217 acknowledges neither a client's own signature nor flow control suspension; and
    /// pyserial would take a server's code 8 or 9 for the server suspending its own flow.
    @Test func unacknowledgedCommands() {
        #expect(acknowledgement(.signature(.set("pyserial"))).isEmpty)
        #expect(acknowledgement(.flowControlSuspend).isEmpty)
        #expect(acknowledgement(.flowControlResume).isEmpty)
    }

    @Test func valuesWithA255ByteAreEscaped() {
        var state = port
        state.baudRate = 0xFF
        #expect(acknowledgement(.setBaudRate(.query), state) == [255, 250, 44, 101, 0, 0, 0, 255, 255, 255, 240])
        state.lineState = LineState(rawValue: 0xFF)
        #expect(acknowledgement(.requestLineState, state) == [255, 250, 44, 106, 255, 255, 255, 240])
    }

    @Test func acknowledgingRecordsTheAppliedState() {
        var server = RFC2217Server(initial: port)
        let next = port.applying(.setBaudRate(.set(115_200)))
        _ = server.acknowledge(.setBaudRate(.set(115_200)), applied: next)
        #expect(server.state.baudRate == 115_200)
    }

    @Test func applyingChangesOnlyTheNamedSetting() {
        #expect(port.applying(.setBaudRate(.query)) == port)
        #expect(port.applying(.setControl(.dtr(.query))) == port)
        #expect(port.applying(.purge(.both)) == port)
        #expect(port.applying(.setControl(.rts(.set(true)))).rts)
        #expect(port.applying(.setControl(.inboundFlowControl(.set(.dtr)))).inboundFlowControl == .dtr)
        #expect(port.applying(.setParity(.set(.space))).parity == .space)
        #expect(port.applying(.setDataSize(.set(.five))).dataSize == .five)
        #expect(port.applying(.setStopSize(.set(.onePointFive))).stopBits == .onePointFive)
    }
}
