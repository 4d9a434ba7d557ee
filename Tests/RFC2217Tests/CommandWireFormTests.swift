import RFC2217
import Testing

/// The client's commands as pyserial 3.5 sends them (`serial/rfc2217.py`): every subnegotiation
/// goes through `Serial.rfc2217_send_subnegotiation`, which writes
/// `IAC SB COM_PORT_OPTION option value IAC SE` with IAC in the value doubled.
@Suite struct CommandWireFormTests {
    private func decode(_ wire: [UInt8]) -> [RFC2217Command] {
        var server = RFC2217Server()
        let events = server.receive(wire)
        #expect(data(events).isEmpty)
        return commands(events)
    }

    /// `Serial._reconfigure_port`: SET_BAUDRATE `struct.pack('!I', baudrate)`, SET_DATASIZE,
    /// SET_PARITY (`RFC2217_PARITY_MAP`), SET_STOPSIZE (`RFC2217_STOPBIT_MAP`), sent back to back.
    @Test func reconfigurePortSendsTheFourSettings() {
        let wire: [UInt8] = [
            255, 250, 44, 1, 0, 1, 194, 0, 255, 240,
            255, 250, 44, 2, 8, 255, 240,
            255, 250, 44, 3, 1, 255, 240,
            255, 250, 44, 4, 1, 255, 240,
        ]
        #expect(
            decode(wire) == [
                .setBaudRate(.set(115_200)), .setDataSize(.set(.eight)), .setParity(.set(.none)),
                .setStopSize(.set(.one)),
            ])
        #expect(decode([255, 250, 44, 1, 0, 14, 16, 0, 255, 240]) == [.setBaudRate(.set(921_600))])
    }

    /// `RFC2217_PARITY_MAP`: NONE 1, ODD 2, EVEN 3, MARK 4, SPACE 5.
    @Test(arguments: [(UInt8(1), Parity.none), (2, .odd), (3, .even), (4, .mark), (5, .space)])
    func parityCodes(code: UInt8, parity: Parity) {
        #expect(decode([255, 250, 44, 3, code, 255, 240]) == [.setParity(.set(parity))])
    }

    /// `RFC2217_STOPBIT_MAP`: 1 → 1, 2 → 2, 1.5 → 3.
    @Test(arguments: [(UInt8(1), StopBits.one), (2, .two), (3, .onePointFive)])
    func stopBitsCodes(code: UInt8, stopBits: StopBits) {
        #expect(decode([255, 250, 44, 4, code, 255, 240]) == [.setStopSize(.set(stopBits))])
    }

    @Test(arguments: [UInt8(5), 6, 7, 8])
    func dataSizes(size: UInt8) {
        #expect(decode([255, 250, 44, 2, size, 255, 240]) == [.setDataSize(.set(DataSize(rawValue: size)!))])
    }

    /// `Serial.rfc2217_set_control` from `_reconfigure_port` (flow control),
    /// `_update_break_state`, `_update_dtr_state` and `_update_rts_state`.
    @Test(arguments: [
        (UInt8(1), ControlCommand.flowControl(.set(.none))),
        (2, .flowControl(.set(.xonXoff))),
        (3, .flowControl(.set(.hardware))),
        (5, .breakSignal(.set(true))),
        (6, .breakSignal(.set(false))),
        (8, .dtr(.set(true))),
        (9, .dtr(.set(false))),
        (11, .rts(.set(true))),
        (12, .rts(.set(false))),
    ])
    func setControlCodesPyserialSends(code: UInt8, control: ControlCommand) {
        #expect(decode([255, 250, 44, 5, code, 255, 240]) == [.setControl(control)])
    }

    /// The rest of RFC 2217's SET-CONTROL codes, which pyserial does not send.
    @Test(arguments: [
        (UInt8(0), ControlCommand.flowControl(.query)),
        (4, .breakSignal(.query)),
        (7, .dtr(.query)),
        (10, .rts(.query)),
        (13, .inboundFlowControl(.query)),
        (14, .inboundFlowControl(.set(.none))),
        (15, .inboundFlowControl(.set(.xonXoff))),
        (16, .inboundFlowControl(.set(.hardware))),
        (17, .flowControl(.set(.dcd))),
        (18, .inboundFlowControl(.set(.dtr))),
        (19, .flowControl(.set(.dsr))),
    ])
    func otherSetControlCodes(code: UInt8, control: ControlCommand) {
        #expect(decode([255, 250, 44, 5, code, 255, 240]) == [.setControl(control)])
    }

    /// `Serial.reset_input_buffer` and `reset_output_buffer` through `rfc2217_send_purge`.
    @Test func purges() {
        #expect(decode([255, 250, 44, 12, 1, 255, 240]) == [.purge(.receive)])
        #expect(decode([255, 250, 44, 12, 2, 255, 240]) == [.purge(.transmit)])
        #expect(decode([255, 250, 44, 12, 3, 255, 240]) == [.purge(.both)])
    }

    /// `Serial.get_modem_state` with the `poll_modem` option: NOTIFY_MODEMSTATE with no value.
    @Test func modemStatePoll() {
        #expect(decode([255, 250, 44, 7, 255, 240]) == [.requestModemState])
        #expect(decode([255, 250, 44, 6, 255, 240]) == [.requestLineState])
    }

    /// A baud rate with a 255 byte arrives with the IAC doubled (`value.replace(IAC, IAC_DOUBLED)`).
    @Test func escapedValueInsideASubnegotiation() {
        #expect(decode([255, 250, 44, 1, 0, 0, 255, 255, 0, 255, 240]) == [.setBaudRate(.set(0xFF00))])
        #expect(decode([255, 250, 44, 1, 0, 0, 0, 255, 255, 255, 240]) == [.setBaudRate(.set(255))])
    }

    /// Value 0 of SET-BAUDRATE, -DATASIZE, -PARITY and -STOPSIZE asks for the current value, and so
    /// does a value RFC 2217 does not define.
    @Test func zeroAndUndefinedValuesAreQueries() {
        #expect(decode([255, 250, 44, 1, 0, 0, 0, 0, 255, 240]) == [.setBaudRate(.query)])
        #expect(decode([255, 250, 44, 2, 0, 255, 240]) == [.setDataSize(.query)])
        #expect(decode([255, 250, 44, 3, 0, 255, 240]) == [.setParity(.query)])
        #expect(decode([255, 250, 44, 4, 0, 255, 240]) == [.setStopSize(.query)])
        #expect(decode([255, 250, 44, 2, 9, 255, 240]) == [.setDataSize(.query)])
        #expect(decode([255, 250, 44, 3, 6, 255, 240]) == [.setParity(.query)])
        #expect(decode([255, 250, 44, 4, 4, 255, 240]) == [.setStopSize(.query)])
    }

    @Test func masksFlowControlAndSignature() {
        #expect(decode([255, 250, 44, 10, 0x1F, 255, 240]) == [.setLineStateMask(LineState(rawValue: 0x1F))])
        #expect(decode([255, 250, 44, 11, 255, 255, 255, 240]) == [.setModemStateMask(.all)])
        #expect(decode([255, 250, 44, 8, 255, 240]) == [.flowControlSuspend])
        #expect(decode([255, 250, 44, 9, 255, 240]) == [.flowControlResume])
        #expect(decode([255, 250, 44, 0, 255, 240]) == [.signature(.query)])
        #expect(decode([255, 250, 44, 0] + Array("pyserial".utf8) + [255, 240]) == [.signature(.set("pyserial"))])
    }

    @Test func masksTakeEffectOnReceipt() {
        var server = RFC2217Server()
        #expect(server.lineStateMask == [])
        #expect(server.modemStateMask == .all)
        _ = server.receive([255, 250, 44, 10, 0x10, 255, 240, 255, 250, 44, 11, 0x30, 255, 240])
        #expect(server.lineStateMask == .breakDetect)
        #expect(server.modemStateMask == [.cts, .dsr])
    }

    @Test func malformedCommandsAreDroppedAndCounted() {
        var server = RFC2217Server()
        let wire: [UInt8] = [
            255, 250, 44, 255, 240,  // no code
            255, 250, 44, 1, 0, 1, 255, 240,  // truncated baud rate
            255, 250, 44, 2, 255, 240,  // no data size
            255, 250, 44, 5, 20, 255, 240,  // undefined SET-CONTROL code
            255, 250, 44, 12, 4, 255, 240,  // undefined purge
            255, 250, 44, 101, 0, 0, 37, 128, 255, 240,  // a server code
            255, 250, 44, 13, 255, 240,  // unknown code
            255, 250, 24, 0, 255, 240,  // another option's subnegotiation (TERMINAL-TYPE)
        ]
        #expect(server.receive(wire).isEmpty)
        #expect(server.statistics.malformedCommands == 7)
        #expect(server.statistics.foreignSubnegotiations == 1)
    }

    @Test func descriptionsUseTheRFCNames() {
        #expect(RFC2217Command.setBaudRate(.set(115_200)).description == "SET-BAUDRATE 115200")
        #expect(RFC2217Command.setBaudRate(.query).description == "SET-BAUDRATE ?")
        #expect(RFC2217Command.setStopSize(.set(.onePointFive)).description == "SET-STOPSIZE 1.5")
        #expect(RFC2217Command.setParity(.set(.even)).description == "SET-PARITY EVEN")
        #expect(RFC2217Command.setControl(.dtr(.set(false))).description == "SET-CONTROL DTR OFF")
        #expect(RFC2217Command.setControl(.flowControl(.set(.xonXoff))).description == "SET-CONTROL FLOW XONXOFF")
        #expect(RFC2217Command.setModemStateMask([.cts]).description == "SET-MODEMSTATE-MASK 0x10")
        #expect(RFC2217Command.purge(.both).description == "PURGE-DATA BOTH")
    }
}
