import CLinuxShims

extension pio_serial_line {
    /// The C shim's form of `settings`.
    init(_ settings: SerialSettings) {
        self.init()
        baud = UInt32(settings.baud)
        data_bits = Int32(settings.bytesize)
        parity =
            switch settings.parity {
            case .none: PIO_PARITY_NONE
            case .even: PIO_PARITY_EVEN
            case .odd: PIO_PARITY_ODD
            case .mark: PIO_PARITY_MARK
            case .space: PIO_PARITY_SPACE
            }
        two_stop_bits = settings.stopbits == .one ? 0 : 1
        rtscts = settings.rtscts ? 1 : 0
        xonxoff = settings.xonxoff ? 1 : 0
    }
}

extension SerialSettings {
    /// The settings the kernel reported; with CSTOPB, the stop bits are `requestedStopBits` when that
    /// was 1.5 and 2 otherwise.
    init(_ line: pio_serial_line, requestedStopBits: StopBits) {
        let parity: Parity =
            switch line.parity {
            case PIO_PARITY_EVEN: .even
            case PIO_PARITY_ODD: .odd
            case PIO_PARITY_MARK: .mark
            case PIO_PARITY_SPACE: .space
            default: .none
            }
        let stopbits: StopBits =
            line.two_stop_bits == 0 ? .one : (requestedStopBits == .onePointFive ? .onePointFive : .two)
        self.init(
            checkedBaud: Int(line.baud), bytesize: Int(line.data_bits), parity: parity, stopbits: stopbits,
            rtscts: line.rtscts != 0, xonxoff: line.xonxoff != 0)
    }
}
