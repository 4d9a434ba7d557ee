import CLinuxShims
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension SerialPort {
    /// Applies new line settings at once (TCSETS2: bytes already queued may go out at the new rate).
    ///
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/settings``, ``SerialError/Kind/deviceRemoved``
    ///   or ``SerialError/Kind/closed``.
    public func apply(_ settings: SerialSettings) throws(SerialError) {
        try state.withLock { state throws(SerialError) in
            guard state.descriptor >= 0 else { throw SerialError(.closed, path: path) }
            try Self.configure(state.descriptor, settings: settings, path: path)
            state.requestedStopBits = settings.stopbits
        }
    }

    /// The line settings the kernel holds (TCGETS2): the baud rate is the one the driver set, which may
    /// be the nearest it can make to the one asked for. Stop bits read back as asked, 1.5 or 2, since
    /// Linux has one flag for both.
    ///
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/settings``, ``SerialError/Kind/deviceRemoved``
    ///   or ``SerialError/Kind/closed``.
    public var settings: SerialSettings {
        get throws(SerialError) {
            try state.withLock { state throws(SerialError) -> SerialSettings in
                guard state.descriptor >= 0 else { throw SerialError(.closed, path: path) }
                var line = pio_serial_line()
                guard pio_serial_read_line(state.descriptor, &line) == 0 else {
                    throw SerialError.failed(.settings, path: path, errno: errno)
                }
                return SerialSettings(line, requestedStopBits: state.requestedStopBits)
            }
        }
    }

    /// The modem lines: DTR and RTS as set, CTS, DSR, RI and CD as the device drives them.
    ///
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/modemLines`` (ENOTTY on a pty, which has
    ///   no modem lines), ``SerialError/Kind/deviceRemoved`` or ``SerialError/Kind/closed``.
    public var modemLines: SerialModemLines {
        get throws(SerialError) {
            try withDescriptor { descriptor throws(SerialError) in
                do throws(SerialLineControlError) {
                    return try lineControl.modemLines(descriptor: descriptor)
                } catch {
                    throw SerialError.failed(.modemLines, path: path, errno: error.errno)
                }
            }
        }
    }

    /// Raises (`true`) or lowers DTR, leaving RTS as it is.
    ///
    /// - Throws: ``SerialError``, as ``setModemLine(_:raised:)``.
    public func setDTR(_ raised: Bool) throws(SerialError) {
        try setModemLine(.dtr, raised: raised)
    }

    /// Raises (`true`) or lowers RTS, leaving DTR as it is.
    ///
    /// - Throws: ``SerialError``, as ``setModemLine(_:raised:)``.
    public func setRTS(_ raised: Bool) throws(SerialError) {
        try setModemLine(.rts, raised: raised)
    }

    /// Raises (`true`) or lowers one output line, leaving the other as it is.
    ///
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/modemLines``, ``SerialError/Kind/deviceRemoved``
    ///   or ``SerialError/Kind/closed``.
    public func setModemLine(_ line: SerialOutputLine, raised: Bool) throws(SerialError) {
        try withDescriptor { descriptor throws(SerialError) in
            do throws(SerialLineControlError) {
                try lineControl.setModemLine(line, raised: raised, descriptor: descriptor)
            } catch {
                throw SerialError.failed(.modemLines, path: path, errno: error.errno)
            }
        }
    }

    /// Starts (`on`) or ends a break condition on the transmit line (RFC 2217's BREAK-STATE).
    ///
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/breakCondition``,
    ///   ``SerialError/Kind/deviceRemoved`` or ``SerialError/Kind/closed``.
    public func setBreak(on: Bool) throws(SerialError) {
        try withDescriptor { descriptor throws(SerialError) in
            do throws(SerialLineControlError) {
                try lineControl.setBreak(on, descriptor: descriptor)
            } catch {
                throw SerialError.failed(.breakCondition, path: path, errno: error.errno)
            }
        }
    }

    /// Sends a break of `duration`: starts one, waits without holding a thread, and ends it. If the
    /// task is cancelled meanwhile, the break ends early; it always ends.
    ///
    /// - Throws: ``SerialError``, as ``setBreak(on:)``.
    public func sendBreak(duration: Duration = .milliseconds(250)) async throws(SerialError) {
        try setBreak(on: true)
        try? await Task.sleep(for: duration)
        try setBreak(on: false)
    }

    /// Resets the board with a DTR/RTS pulse sequence of `style`, waiting between the steps without
    /// holding a thread; the lines are left as the sequence ends.
    ///
    /// - Throws: ``SerialError``, as ``setModemLine(_:raised:)`` (a pty has no modem lines).
    public func reset(_ style: SerialResetStyle) async throws(SerialError) {
        for step in style.steps {
            if let dtr = step.dtr { try setDTR(dtr) }
            if let rts = step.rts { try setRTS(rts) }
            try? await Task.sleep(for: step.pause)
        }
    }

    /// Discards received data nobody has read, written data not sent yet, or both (TCFLSH).
    ///
    /// Data already taken in by a running stream's event loop is not in the port's queue any more.
    ///
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/purge``, ``SerialError/Kind/deviceRemoved``
    ///   or ``SerialError/Kind/closed``.
    public func purge(_ queues: SerialPurge) throws(SerialError) {
        try withDescriptor { descriptor throws(SerialError) in
            let input: Int32 = queues == .output ? 0 : 1
            let output: Int32 = queues == .input ? 0 : 1
            guard pio_serial_flush(descriptor, input, output) == 0 else {
                throw SerialError.failed(.purge, path: path, errno: errno)
            }
        }
    }
}
