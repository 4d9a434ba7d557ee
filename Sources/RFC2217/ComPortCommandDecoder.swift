/// Reads a client's COM-PORT-OPTION command from the bytes after `IAC SB COM-PORT-OPTION`.
enum ComPortCommandDecoder {
    /// The command in `body`: its code, then its value. Bytes past what the code needs are
    /// ignored. A setting value RFC 2217 does not define becomes a query, so that the
    /// acknowledgement reports the value in force, as the RFC asks of a server.
    static func decode(_ body: ArraySlice<UInt8>) throws(ComPortDecodingError) -> RFC2217Command {
        guard let code = body.first else { throw .missingCode }
        let value = body.dropFirst()
        switch code {
        case ComPortCode.signature:
            return .signature(value.isEmpty ? .query : .set(String(decoding: value, as: UTF8.self)))
        case ComPortCode.setBaudRate:
            guard value.count >= 4 else { throw .truncated(code: code) }
            let rate = value.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return .setBaudRate(rate == 0 ? .query : .set(rate))
        case ComPortCode.setDataSize:
            return .setDataSize(setting(try byte(value, code), DataSize.init(rawValue:)))
        case ComPortCode.setParity:
            return .setParity(setting(try byte(value, code), Parity.init(rawValue:)))
        case ComPortCode.setStopSize:
            return .setStopSize(setting(try byte(value, code), StopBits.init(rawValue:)))
        case ComPortCode.setControl:
            let control = try byte(value, code)
            guard let command = ControlCommand(code: control) else {
                throw .undefinedValue(code: code, value: control)
            }
            return .setControl(command)
        case ComPortCode.notifyLineState:
            return .requestLineState
        case ComPortCode.notifyModemState:
            return .requestModemState
        case ComPortCode.flowControlSuspend:
            return .flowControlSuspend
        case ComPortCode.flowControlResume:
            return .flowControlResume
        case ComPortCode.setLineStateMask:
            return .setLineStateMask(LineState(rawValue: try byte(value, code)))
        case ComPortCode.setModemStateMask:
            return .setModemStateMask(ModemState(rawValue: try byte(value, code)))
        case ComPortCode.purgeData:
            let purge = try byte(value, code)
            guard let target = PurgeTarget(rawValue: purge) else {
                throw .undefinedValue(code: code, value: purge)
            }
            return .purge(target)
        default:
            throw .unknownCommand(code: code)
        }
    }

    private static func byte(_ value: ArraySlice<UInt8>, _ code: UInt8) throws(ComPortDecodingError) -> UInt8 {
        guard let first = value.first else { throw .truncated(code: code) }
        return first
    }

    private static func setting<Value>(_ raw: UInt8, _ make: (UInt8) -> Value?) -> SettingRequest<Value> {
        guard raw != 0, let value = make(raw) else { return .query }
        return .set(value)
    }
}
