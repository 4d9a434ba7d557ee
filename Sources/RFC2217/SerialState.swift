/// Everything about a serial port that RFC 2217 can set or report.
public struct SerialState: Sendable, Hashable {
    /// Bits per second.
    public var baudRate: UInt32
    /// Data bits per character.
    public var dataSize: DataSize
    /// The parity bit.
    public var parity: Parity
    /// Stop bits per character.
    public var stopBits: StopBits
    /// Outbound (or both-ways) flow control.
    public var flowControl: FlowControl
    /// Inbound flow control.
    public var inboundFlowControl: InboundFlowControl
    /// Whether the transmit line is held in BREAK.
    public var breakSignal: Bool
    /// Whether the DTR output is on.
    public var dtr: Bool
    /// Whether the RTS output is on.
    public var rts: Bool
    /// The modem input lines (only the ``ModemState/lines`` bits are read).
    public var modemLines: ModemState
    /// The line state.
    public var lineState: LineState

    /// A state; every parameter has the usual default of a freshly opened port: 9600 8N1, no
    /// flow control, no BREAK, DTR and RTS off, no modem lines on.
    public init(
        baudRate: UInt32 = 9600,
        dataSize: DataSize = .eight,
        parity: Parity = .none,
        stopBits: StopBits = .one,
        flowControl: FlowControl = .none,
        inboundFlowControl: InboundFlowControl = .none,
        breakSignal: Bool = false,
        dtr: Bool = false,
        rts: Bool = false,
        modemLines: ModemState = [],
        lineState: LineState = []
    ) {
        self.baudRate = baudRate
        self.dataSize = dataSize
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
        self.inboundFlowControl = inboundFlowControl
        self.breakSignal = breakSignal
        self.dtr = dtr
        self.rts = rts
        self.modemLines = modemLines
        self.lineState = lineState
    }

    /// This state with `command`'s setting changed as requested, as a port that accepts every
    /// value would have it; queries and commands that set nothing leave it as it is.
    public func applying(_ command: RFC2217Command) -> SerialState {
        var state = self
        switch command {
        case .setBaudRate(.set(let rate)): state.baudRate = rate
        case .setDataSize(.set(let size)): state.dataSize = size
        case .setParity(.set(let parity)): state.parity = parity
        case .setStopSize(.set(let stopBits)): state.stopBits = stopBits
        case .setControl(let control): state.apply(control)
        case .signature, .setBaudRate, .setDataSize, .setParity, .setStopSize, .requestLineState,
            .requestModemState, .flowControlSuspend, .flowControlResume, .setLineStateMask,
            .setModemStateMask, .purge:
            break
        }
        return state
    }

    private mutating func apply(_ control: ControlCommand) {
        switch control {
        case .flowControl(.set(let flow)): flowControl = flow
        case .inboundFlowControl(.set(let flow)): inboundFlowControl = flow
        case .breakSignal(.set(let on)): breakSignal = on
        case .dtr(.set(let on)): dtr = on
        case .rts(.set(let on)): rts = on
        case .flowControl(.query), .inboundFlowControl(.query), .breakSignal(.query), .dtr(.query),
            .rts(.query):
            break
        }
    }
}
