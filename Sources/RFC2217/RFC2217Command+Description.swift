extension RFC2217Command: CustomStringConvertible {
    /// The command in RFC 2217's words, a query shown as `?`: `SET-BAUDRATE 115200`,
    /// `SET-CONTROL DTR ON`, `PURGE-DATA RX`.
    public var description: String {
        switch self {
        case .signature(let text): "SIGNATURE " + Self.describe(text) { "\"\($0)\"" }
        case .setBaudRate(let rate): "SET-BAUDRATE " + Self.describe(rate) { String($0) }
        case .setDataSize(let size): "SET-DATASIZE " + Self.describe(size) { String($0.rawValue) }
        case .setParity(let parity): "SET-PARITY " + Self.describe(parity) { "\($0)".uppercased() }
        case .setStopSize(let stopBits): "SET-STOPSIZE " + Self.describe(stopBits) { Self.name($0) }
        case .setControl(let control): "SET-CONTROL " + Self.describe(control)
        case .requestLineState: "NOTIFY-LINESTATE ?"
        case .requestModemState: "NOTIFY-MODEMSTATE ?"
        case .flowControlSuspend: "FLOWCONTROL-SUSPEND"
        case .flowControlResume: "FLOWCONTROL-RESUME"
        case .setLineStateMask(let mask): "SET-LINESTATE-MASK " + Self.hex(mask.rawValue)
        case .setModemStateMask(let mask): "SET-MODEMSTATE-MASK " + Self.hex(mask.rawValue)
        case .purge(let target): "PURGE-DATA " + Self.name(target)
        }
    }

    private static func name(_ stopBits: StopBits) -> String {
        switch stopBits {
        case .one: "1"
        case .two: "2"
        case .onePointFive: "1.5"
        }
    }

    private static func name(_ target: PurgeTarget) -> String {
        switch target {
        case .receive: "RX"
        case .transmit: "TX"
        case .both: "BOTH"
        }
    }

    private static func describe(_ control: ControlCommand) -> String {
        switch control {
        case .flowControl(let flow): "FLOW " + describe(flow) { "\($0)".uppercased() }
        case .inboundFlowControl(let flow): "INBOUND-FLOW " + describe(flow) { "\($0)".uppercased() }
        case .breakSignal(let on): "BREAK " + describe(on, onOff)
        case .dtr(let on): "DTR " + describe(on, onOff)
        case .rts(let on): "RTS " + describe(on, onOff)
        }
    }

    private static func onOff(_ on: Bool) -> String {
        on ? "ON" : "OFF"
    }

    private static func describe<Value>(_ request: SettingRequest<Value>, _ name: (Value) -> String) -> String {
        switch request {
        case .query: "?"
        case .set(let value): name(value)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }
}
