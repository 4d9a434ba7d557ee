/// The modem-line and break ioctls of an open port.
///
/// ``SerialPort`` goes through this protocol for DTR, RTS, the modem inputs and breaks, so that a test
/// can put a double in place of the kernel: Linux ptys have no modem lines (TIOCMGET and TIOCMBIS
/// answer ENOTTY). The daemon uses ``IoctlLineControl``. ``SerialPort`` calls these only when asked:
/// never while opening or applying settings.
public protocol SerialLineControl: Sendable {
    /// Reads the modem lines of the port open at `descriptor` (TIOCMGET).
    func modemLines(descriptor: Int32) throws(SerialLineControlError) -> SerialModemLines

    /// Raises or lowers one output line, leaving the other as it is (TIOCMBIS, TIOCMBIC).
    func setModemLine(_ line: SerialOutputLine, raised: Bool, descriptor: Int32) throws(SerialLineControlError)

    /// Starts or ends a break condition (TIOCSBRK, TIOCCBRK).
    func setBreak(_ on: Bool, descriptor: Int32) throws(SerialLineControlError)
}
