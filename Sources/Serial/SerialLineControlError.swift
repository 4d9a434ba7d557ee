/// A failed modem-line or break ioctl: the `errno` it set. ``SerialPort`` turns it into a
/// ``SerialError`` that names the port.
public struct SerialLineControlError: Error, Sendable, Hashable {
    /// The `errno` value.
    public let errno: Int32

    /// Creates an error.
    public init(errno: Int32) {
        self.errno = errno
    }
}
