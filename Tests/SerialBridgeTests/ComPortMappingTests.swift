import AgentCore
import RFC2217
import SerialBridge
import Testing

@Suite struct ComPortMappingTests {
    @Test func settingsBecomeDeviceControlParameters() {
        #expect(ComPortMapping.step(for: .setBaudRate(.set(74_880))) == .control(["baud": 74_880]))
        #expect(ComPortMapping.step(for: .setDataSize(.set(.seven))) == .control(["bytesize": 7]))
        #expect(ComPortMapping.step(for: .setParity(.set(.even))) == .control(["parity": "E"]))
        #expect(ComPortMapping.step(for: .setParity(.set(.space))) == .control(["parity": "S"]))
        #expect(ComPortMapping.step(for: .setStopSize(.set(.onePointFive))) == .control(["stopbits": 1.5]))
        #expect(ComPortMapping.step(for: .setControl(.dtr(.set(false)))) == .control(["dtr": false]))
        #expect(ComPortMapping.step(for: .setControl(.rts(.set(true)))) == .control(["rts": true]))
        #expect(
            ComPortMapping.step(for: .setControl(.flowControl(.set(.hardware))))
                == .control(["rtscts": true, "xonxoff": false]))
        #expect(ComPortMapping.step(for: .purge(.receive)) == .control(["purge": "input"]))
        #expect(ComPortMapping.step(for: .purge(.transmit)) == .control(["purge": "output"]))
        #expect(ComPortMapping.step(for: .setControl(.breakSignal(.set(true)))) == .breakSignal(true))
    }

    @Test func queriesAskNothingAndUnsupportedControlsSaySo() {
        for command: RFC2217Command in [
            .setBaudRate(.query), .setParity(.query), .requestModemState, .requestLineState, .signature(.query),
            .setControl(.dtr(.query)), .setModemStateMask(.all), .flowControlSuspend,
        ] {
            #expect(ComPortMapping.step(for: command) == .answer, "\(command)")
        }
        guard case .unsupported = ComPortMapping.step(for: .setControl(.flowControl(.set(.dcd)))) else {
            Issue.record("DCD flow control is not something the agent does")
            return
        }
    }

    /// Whatever state the agent reports, the client is told exactly that state: a status made from
    /// a random state reads back as it.
    @Test func theAgentsStatusReadsBackAsTheState() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var state = SerialState()
            state.baudRate = UInt32.random(in: 1...4_000_000, using: &generator)
            state.dataSize = DataSize.allCases.randomElement(using: &generator)!
            state.parity = Parity.allCases.randomElement(using: &generator)!
            state.stopBits = StopBits.allCases.randomElement(using: &generator)!
            state.flowControl = [FlowControl.none, .xonXoff, .hardware].randomElement(using: &generator)!
            state.dtr = Bool.random(using: &generator)
            state.rts = Bool.random(using: &generator)
            state.modemLines = ModemState(rawValue: UInt8.random(in: 0...255, using: &generator)).intersection(.lines)
            let parity: JSONValue = switch state.parity {
            case .none: "N"
            case .odd: "O"
            case .even: "E"
            case .mark: "M"
            case .space: "S"
            }
            let stopBits: JSONValue = switch state.stopBits {
            case .one: 1
            case .two: 2
            case .onePointFive: 1.5
            }
            let status: [String: JSONValue] = [
                "baud": .number(Double(state.baudRate)), "bytesize": .number(Double(state.dataSize.rawValue)),
                "parity": parity, "stopbits": stopBits, "rtscts": .bool(state.flowControl == .hardware),
                "xonxoff": .bool(state.flowControl == .xonXoff),
                "modem": .object([
                    "dtr": .bool(state.dtr), "rts": .bool(state.rts), "cts": .bool(state.modemLines.contains(.cts)),
                    "dsr": .bool(state.modemLines.contains(.dsr)), "ri": .bool(state.modemLines.contains(.ri)),
                    "cd": .bool(state.modemLines.contains(.cd)),
                ]),
            ]
            #expect(ComPortMapping.state(status, over: SerialState()) == state)
        }
    }

    @Test func whatTheAgentDoesNotSayStaysAndNonsenseChangesNothing() {
        let base = SerialState(baudRate: 115_200, dtr: true, modemLines: [.cts])
        #expect(ComPortMapping.state([:], over: base) == base)
        let nonsense: [String: JSONValue] = [
            "baud": -5, "bytesize": 9, "parity": "X", "rtscts": "yes", "modem": .array([]),
        ]
        #expect(ComPortMapping.state(nonsense, over: base) == base)
        #expect(ComPortMapping.state(modem: ["dsr": true], over: base).modemLines == [.cts, .dsr])
    }
}
