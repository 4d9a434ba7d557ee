import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's modem-line and break ioctls: the ``SerialLineControl`` a real port uses.
public struct IoctlLineControl: SerialLineControl {
    /// Creates the ioctl layer.
    public init() {}

    /// TIOCMGET.
    public func modemLines(descriptor: Int32) throws(SerialLineControlError) -> SerialModemLines {
        var lines = pio_serial_modem_lines()
        guard pio_serial_get_modem_lines(descriptor, &lines) == 0 else { throw SerialLineControlError(errno: errno) }
        return SerialModemLines(
            dtr: lines.dtr != 0, rts: lines.rts != 0, cts: lines.cts != 0, dsr: lines.dsr != 0, ri: lines.ri != 0,
            cd: lines.cd != 0)
    }

    /// TIOCMBIS to raise, TIOCMBIC to lower.
    public func setModemLine(
        _ line: SerialOutputLine, raised: Bool, descriptor: Int32
    ) throws(SerialLineControlError) {
        let code =
            switch line {
            case .dtr: PIO_SERIAL_DTR
            case .rts: PIO_SERIAL_RTS
            }
        guard pio_serial_set_modem_line(descriptor, code, raised ? 1 : 0) == 0 else {
            throw SerialLineControlError(errno: errno)
        }
    }

    /// TIOCSBRK to start, TIOCCBRK to end.
    public func setBreak(_ on: Bool, descriptor: Int32) throws(SerialLineControlError) {
        guard pio_serial_set_break(descriptor, on ? 1 : 0) == 0 else { throw SerialLineControlError(errno: errno) }
    }
}
