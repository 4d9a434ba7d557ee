import CLinuxShims
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An open serial port, held exclusively, with its line settings, modem lines and breaks under the
/// caller's control and its bytes flowing through the event loop (``withStream(on:isolation:_:)``).
///
/// Opening takes the port for this process: an advisory lock (`flock`, which a root process cannot
/// bypass, unlike TIOCEXCL) and TIOCEXCL (which stops other, unprivileged openers); a second opener,
/// in this process or another, gets ``SerialError/Kind/busy`` naming the holder. Opening puts the
/// line in raw mode with the given settings and never touches DTR or RTS: the modem lines change only
/// through ``setDTR(_:)``, ``setRTS(_:)`` and ``setModemLine(_:raised:)``.
///
/// Two things about the modem lines are the kernel's, not this type's:
/// - A driver raises DTR and RTS itself when a port is opened while no one else has it open (Linux's
///   `tty_port_open`), so the first open after a board is plugged in raises them.
/// - HUPCL (the kernel's default) would lower DTR and RTS on the last close, so that the next open
///   raises them again: the edge that resets many boards. Applying settings clears HUPCL, so a close
///   leaves the lines as they are and a later open changes nothing.
///
/// The port keeps its own descriptor (the control descriptor) for the ioctls from open to
/// ``close()``; a stream runs on two duplicates of it that the event loop owns and closes. All of
/// them share one open file description, so they share the lock, the line settings and the tty. The
/// control descriptor is never used after ``close()`` (calls then throw ``SerialError/Kind/closed``;
/// during a stream it stays open, unused, until the stream ends), and the duplicates are never used by
/// this type once the event loop has them.
public final class SerialPort: Sendable {
    struct State {
        /// The control descriptor, or -1 once closed.
        var descriptor: Int32
        /// Whether a stream is running on duplicates of the descriptor.
        var streaming = false
        /// The control descriptor when ``SerialPort/close()`` came while a stream ran: the stream's end
        /// releases it, so that the port stays locked as long as any descriptor of it is in use.
        var lingering: Int32 = -1
        /// The stop bits last asked for: Linux has one flag (CSTOPB) for 1.5 and 2, so reading the
        /// settings back reports this one of the two.
        var requestedStopBits: SerialSettings.StopBits
    }

    /// The path the port was opened with (a device node or a link to one, such as a
    /// `/dev/serial/by-id` name).
    public let path: String
    /// The modem-line and break ioctls.
    let lineControl: any SerialLineControl
    let state: Mutex<State>

    private init(
        path: String, descriptor: Int32, stopbits: SerialSettings.StopBits, lineControl: any SerialLineControl
    ) {
        self.path = path
        self.lineControl = lineControl
        self.state = Mutex(State(descriptor: descriptor, requestedStopBits: stopbits))
    }

    /// Opens the port at `path` exclusively and applies `settings` in raw mode.
    ///
    /// The open is non-blocking, does not make the port a controlling terminal, and is closed on
    /// exec. No modem-line ioctl is issued.
    ///
    /// - Parameters:
    ///   - path: A tty device, or a link to one.
    ///   - settings: The line settings to apply.
    ///   - lineControl: The modem-line and break ioctls; tests pass a double.
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/busy`` (with the holders found),
    ///   ``SerialError/Kind/open``, ``SerialError/Kind/notATerminal`` or ``SerialError/Kind/settings``.
    public static func open(
        _ path: String, settings: SerialSettings = .default, lineControl: any SerialLineControl = IoctlLineControl()
    ) throws(SerialError) -> SerialPort {
        let descriptor = pio_serial_open(path)
        guard descriptor >= 0 else {
            let code = errno
            throw code == EBUSY ? busy(path, errno: code) : SerialError(.open, path: path, errno: code)
        }
        do throws(SerialError) {
            try takeExclusively(descriptor, path: path)
            try configure(descriptor, settings: settings, path: path)
        } catch {
            _ = Glibc.close(descriptor)
            throw error.kind == .busy ? busy(path, errno: error.errno) : error
        }
        return SerialPort(path: path, descriptor: descriptor, stopbits: settings.stopbits, lineControl: lineControl)
    }

    /// A ``SerialError/Kind/busy`` error naming the processes that have `path` open (found after this
    /// process closed its own descriptor of it).
    private static func busy(_ path: String, errno code: Int32) -> SerialError {
        var info = stat()
        let holders = stat(path, &info) == 0 ? SerialPortHolder.scan(device: info.st_rdev) : []
        return SerialError(.busy, path: path, errno: code, holders: holders)
    }

    /// Checks that `descriptor` is a terminal, then takes the advisory lock and TIOCEXCL.
    private static func takeExclusively(_ descriptor: Int32, path: String) throws(SerialError) {
        var line = pio_serial_line()
        guard pio_serial_read_line(descriptor, &line) == 0 else {
            let code = errno
            throw code == ENOTTY
                ? SerialError(.notATerminal, path: path, errno: code) : SerialError(.open, path: path, errno: code)
        }
        guard pio_serial_lock(descriptor) == 0 else {
            let code = errno
            throw SerialError(code == EWOULDBLOCK ? .busy : .open, path: path, errno: code)
        }
        guard pio_serial_exclusive(descriptor) == 0 else { throw SerialError(.open, path: path, errno: errno) }
    }

    /// Applies `settings` in raw mode (one TCSETS2).
    static func configure(_ descriptor: Int32, settings: SerialSettings, path: String) throws(SerialError) {
        var line = pio_serial_line(settings)
        guard pio_serial_configure(descriptor, &line) == 0 else {
            throw SerialError.failed(.settings, path: path, errno: errno)
        }
    }

    /// Unlocks and closes the port; every call on it throws ``SerialError/Kind/closed`` from now on.
    ///
    /// When a stream runs, the port stays locked and open until ``withStream(on:isolation:_:)``
    /// returns. The lock is released explicitly rather than with the last descriptor, since a process
    /// forked at that moment (to run a flasher, say) holds copies of every descriptor until it execs.
    /// Calling it again does nothing; the port closes itself when released. The kernel may hold the
    /// last close while a driver drains output that flow control holds back (up to its closing wait,
    /// 30 s by default); ``purge(_:)`` the output first to discard it instead.
    public func close() {
        let descriptor = state.withLock { state -> Int32 in
            let descriptor = state.descriptor
            state.descriptor = -1
            guard descriptor >= 0, state.streaming else { return descriptor }
            state.lingering = descriptor
            return -1
        }
        Self.release(descriptor)
    }

    /// Unlocks and closes a control descriptor (nothing for -1).
    static func release(_ descriptor: Int32) {
        guard descriptor >= 0 else { return }
        _ = pio_serial_unlock(descriptor)
        _ = Glibc.close(descriptor)
    }

    deinit { close() }

    /// Runs `body` with the control descriptor, holding the state lock so that ``close()`` cannot
    /// close it meanwhile.
    func withDescriptor<Result: Sendable>(
        _ body: (_ descriptor: Int32) throws(SerialError) -> Result
    ) throws(SerialError) -> Result {
        try state.withLock { state throws(SerialError) -> Result in
            guard state.descriptor >= 0 else { throw SerialError(.closed, path: path) }
            return try body(state.descriptor)
        }
    }
}
