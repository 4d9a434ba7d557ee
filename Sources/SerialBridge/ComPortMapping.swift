public import AgentCore
public import RFC2217

/// How RFC 2217 commands reach a remote session: each command becomes the parameters of one
/// `device.control` call (or none), and the agent's answer becomes the port state the client is
/// told (docs/protocol.md §7).
public enum ComPortMapping {
    /// What the bridge does for one command.
    public enum Step: Sendable, Hashable {
        /// Nothing to ask the agent: the client is answered with the state as it is.
        case answer
        /// Call `device.control` with these parameters, then answer with the state it reports.
        case control([String: JSONValue])
        /// Hold the transmit line in break (`true`) or release it; the agent sends a break of the
        /// time between the two.
        case breakSignal(Bool)
        /// The agent cannot do this (such as DCD flow control): the state stays as it is.
        case unsupported(String)
    }

    /// The step for `command`.
    public static func step(for command: RFC2217Command) -> Step {
        switch command {
        case .setBaudRate(.set(let rate)):
            return .control(["baud": .number(Double(rate))])
        case .setDataSize(.set(let size)):
            return .control(["bytesize": .number(Double(size.rawValue))])
        case .setParity(.set(let parity)):
            return .control(["parity": .string(letter(of: parity))])
        case .setStopSize(.set(let stopBits)):
            return .control(["stopbits": .number(value(of: stopBits))])
        case .setControl(let control):
            return step(for: control)
        case .purge(let target):
            let queue =
                switch target {
                case .receive: "input"
                case .transmit: "output"
                case .both: "both"
                }
            return .control(["purge": .string(queue)])
        case .signature, .setBaudRate(.query), .setDataSize(.query), .setParity(.query), .setStopSize(.query),
            .requestLineState, .requestModemState, .flowControlSuspend, .flowControlResume, .setLineStateMask,
            .setModemStateMask:
            return .answer
        }
    }

    private static func step(for control: ControlCommand) -> Step {
        switch control {
        case .dtr(.set(let on)): .control(["dtr": .bool(on)])
        case .rts(.set(let on)): .control(["rts": .bool(on)])
        case .breakSignal(.set(let on)): .breakSignal(on)
        case .flowControl(.set(.none)): .control(["rtscts": .bool(false), "xonxoff": .bool(false)])
        case .flowControl(.set(.xonXoff)): .control(["rtscts": .bool(false), "xonxoff": .bool(true)])
        case .flowControl(.set(.hardware)): .control(["rtscts": .bool(true), "xonxoff": .bool(false)])
        case .flowControl(.set(let other)): .unsupported("flow control code \(other.rawValue)")
        case .inboundFlowControl(.set(let flow)) where flow != .none:
            .unsupported("inbound flow control code \(flow.rawValue)")
        case .inboundFlowControl, .flowControl(.query), .breakSignal(.query), .dtr(.query), .rts(.query): .answer
        }
    }

    /// `base` with what the agent's `status` (the result of `device.monitor.open`'s settings or
    /// of `device.control`, with its `modem` object) reports; what it does not say stays.
    public static func state(_ status: [String: JSONValue], over base: SerialState) -> SerialState {
        var state = base
        if case .number(let baud)? = status["baud"], baud >= 1, baud <= Double(UInt32.max) {
            state.baudRate = UInt32(baud)
        }
        if case .number(let bits)? = status["bytesize"], let size = DataSize(rawValue: UInt8(clamping: Int(bits))) {
            state.dataSize = size
        }
        if case .string(let letter)? = status["parity"], let parity = parity(letter: letter) {
            state.parity = parity
        }
        if case .number(let value)? = status["stopbits"] {
            state.stopBits = value == 2 ? .two : value == 1.5 ? .onePointFive : .one
        }
        if case .bool(let rtscts)? = status["rtscts"], case .bool(let xonxoff)? = status["xonxoff"] {
            state.flowControl = rtscts ? .hardware : xonxoff ? .xonXoff : .none
        }
        if case .object(let modem)? = status["modem"] {
            state = self.state(modem: modem.compactMapValues { if case .bool(let on) = $0 { on } else { nil } }, over: state)
        }
        return state
    }

    /// `base` with the modem lines of a `modem` object or event (`dtr`, `rts`, `cts`, `dsr`,
    /// `ri`, `cd`); lines it does not name stay.
    public static func state(modem: [String: Bool], over base: SerialState) -> SerialState {
        var state = base
        if let dtr = modem["dtr"] { state.dtr = dtr }
        if let rts = modem["rts"] { state.rts = rts }
        for (name, line) in [("cts", ModemState.cts), ("dsr", .dsr), ("ri", .ri), ("cd", .cd)] {
            guard let on = modem[name] else { continue }
            if on { state.modemLines.insert(line) } else { state.modemLines.remove(line) }
        }
        return state
    }

    private static func letter(of parity: Parity) -> String {
        switch parity {
        case .none: "N"
        case .odd: "O"
        case .even: "E"
        case .mark: "M"
        case .space: "S"
        }
    }

    private static func parity(letter: String) -> Parity? {
        Parity.allCases.first { self.letter(of: $0) == letter }
    }

    private static func value(of stopBits: StopBits) -> Double {
        switch stopBits {
        case .one: 1
        case .two: 2
        case .onePointFive: 1.5
        }
    }
}
