import CLinuxShims
import Glibc
import Serial
import TestSupport
import Testing

@Suite("Serial port")
struct SerialPortTests {
    @Test(
        "settings are applied and read back, arbitrary rates through BOTHER (a pty keeps 8 data bits, no parity)",
        arguments: [
            try SerialSettings(baud: 123_456),
            try SerialSettings(baud: 9600, bytesize: 7, parity: .even, stopbits: .two),
            try SerialSettings(baud: 250_000, bytesize: 5, parity: .odd, stopbits: .onePointFive),
            try SerialSettings(baud: 1_000_000, bytesize: 6, parity: .mark, rtscts: true),
            try SerialSettings(baud: 31_250, parity: .space, stopbits: .two, xonxoff: true),
            try SerialSettings(baud: 3_000_000, rtscts: true, xonxoff: true),
            try SerialSettings(baud: 50),
        ])
    func settingsReadBack(settings: SerialSettings) throws {
        // Linux's pty driver forces CS8 and clears PARENB on every change (pty_set_termios); everything
        // else reads back as set, the rate exactly.
        let onPty = try settings.replacing(bytesize: 8, parity: SerialSettings.Parity.none)
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath, settings: settings)
        defer { port.close() }
        #expect(try port.settings == onPty)
        try port.apply(.default)
        #expect(try port.settings == .default)
        try port.apply(settings)
        #expect(try port.settings == onPty)
    }

    @Test("opening clears HUPCL, so a close leaves DTR and RTS where they are")
    func clearsHangUpOnClose() throws {
        let board = try PseudoterminalBoard()
        let observer = pio_serial_open(board.devicePath)
        try #require(observer >= 0)
        defer { Glibc.close(observer) }
        var terminal = termios()
        try #require(tcgetattr(observer, &terminal) == 0)
        terminal.c_cflag |= tcflag_t(HUPCL)
        try #require(tcsetattr(observer, TCSANOW, &terminal) == 0)
        var line = pio_serial_line()
        try #require(pio_serial_read_line(observer, &line) == 0)
        try #require(line.hangup_on_close == 1)

        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        try #require(pio_serial_read_line(observer, &line) == 0)
        #expect(line.hangup_on_close == 0)
        #expect(line.baud == 115_200)
    }

    @Test("a second opener in this process gets port busy naming the holder")
    func busyInThisProcess() throws {
        let board = try PseudoterminalBoard()
        let first = try SerialPort.open(board.devicePath)
        let error = try #require(throws: SerialError.self) { try SerialPort.open(board.devicePath) }
        #expect(error.kind == .busy)
        #expect(error.errno == EWOULDBLOCK)
        let holder = try #require(error.holders.first)
        #expect(holder.pid == getpid())
        #expect(!holder.command.isEmpty)
        #expect(error.description == "port busy: \(board.devicePath) is held by \(holder); close it there first")
        #expect(try first.settings == .default, "the first opener is undisturbed")
        first.close()
        let again = try SerialPort.open(board.devicePath)
        again.close()
    }

    @Test("closing releases the lock at once, while a forked child may still hold a copy of the descriptor")
    func closeUnlocks() throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        // A duplicate stands in for the copy a process forked at this moment holds until it execs.
        let control = try #require(openDescriptors(on: board.devicePath).first)
        let copy = dup(control)
        try #require(copy >= 0)
        defer { Glibc.close(copy) }
        port.close()
        let again = try SerialPort.open(board.devicePath)
        again.close()
    }

    @Test("port busy names another process that holds the port's lock")
    func busyInAnotherProcess() async throws {
        let board = try PseudoterminalBoard()
        // The shell holds the lock flock(1) took for it, and says so once it runs.
        let holder = try ChildProcess.spawn(
            "flock", arguments: ["--exclusive", "--no-fork", board.devicePath, "sh", "-c", "echo locked; sleep 60"],
            environment: TestEnvironment.toolEnvironment(), ownProcessGroup: true)
        defer {
            holder.terminate()
            holder.closeOutput()
        }
        _ = try await blocking { try holder.read(holder.standardOutput) { $0.contains("locked") } }
        let error = try #require(throws: SerialError.self) { try SerialPort.open(board.devicePath) }
        #expect(error.kind == .busy)
        #expect(error.holders.first == SerialPortHolder(pid: holder.pid, command: "sh"))
        #expect(error.description.hasPrefix("port busy: \(board.devicePath) is held by sh (pid \(holder.pid))"))
        #expect(openDescriptors(on: board.devicePath).isEmpty, "the refused open closed its descriptor")
    }

    @Test("a missing path and a device that is not a terminal are refused with typed errors")
    func refusesNonTerminals() throws {
        let missing = try #require(throws: SerialError.self) { try SerialPort.open("/dev/pio-no-such-port") }
        #expect(missing.kind == .open)
        #expect(missing.errno == ENOENT)
        #expect(missing.description.contains("check the path, or whether the board is plugged in"))
        let null = try #require(throws: SerialError.self) { try SerialPort.open("/dev/null") }
        #expect(null.kind == .notATerminal)
        #expect(null.description == "/dev/null is not a serial port (not a terminal device)")
    }

    @Test(
        "opening, applying and reading settings and purging change no modem line, through a test double of the ioctl layer"
    )
    func modemLinesUntouchedOnOpen() throws {
        let board = try PseudoterminalBoard()
        let lines = RecordingLineControl(lines: SerialModemLines(dtr: false, rts: true))
        let port = try SerialPort.open(board.devicePath, settings: try SerialSettings(baud: 74_880), lineControl: lines)
        defer { port.close() }
        try port.apply(try SerialSettings(baud: 115_200, rtscts: true))
        _ = try port.settings
        try port.purge(.both)
        #expect(lines.calls.isEmpty)
        #expect(lines.lines == SerialModemLines(dtr: false, rts: true))
    }

    @Test("DTR and RTS change only when asked, and the inputs read back, through a test double of the ioctl layer")
    func modemLinesOnRequest() throws {
        let board = try PseudoterminalBoard()
        let lines = RecordingLineControl()
        let port = try SerialPort.open(board.devicePath, lineControl: lines)
        defer { port.close() }
        try port.setDTR(true)
        try port.setRTS(false)
        lines.deviceDrives(cts: true, dsr: false, ri: true, cd: true)
        let expected = SerialModemLines(dtr: true, rts: false, cts: true, dsr: false, ri: true, cd: true)
        #expect(try port.modemLines == expected)
        #expect(lines.calls == [.setLine(.dtr, raised: true), .setLine(.rts, raised: false), .readLines])
    }

    @Test("a pty has no modem lines: the real ioctl layer reports ENOTTY as a typed error")
    func ptyHasNoModemLines() throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        let read = try #require(throws: SerialError.self) { try port.modemLines }
        #expect(read.kind == .modemLines)
        #expect(read.errno == ENOTTY)
        let set = try #require(throws: SerialError.self) { try port.setDTR(true) }
        #expect(set.kind == .modemLines)
        #expect(set.errno == ENOTTY)
        #expect(set.description.contains("the device has no modem lines"))
    }

    @Test("break on, break off and a timed break succeed on a pty")
    func breaksOnPty() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        try port.setBreak(on: true)
        try port.setBreak(on: false)
        try await port.sendBreak(duration: .milliseconds(5))
    }

    @Test("a timed break starts and ends, through a test double of the ioctl layer")
    func timedBreak() async throws {
        let board = try PseudoterminalBoard()
        let lines = RecordingLineControl()
        let port = try SerialPort.open(board.devicePath, lineControl: lines)
        defer { port.close() }
        try await port.sendBreak(duration: .milliseconds(5))
        #expect(lines.calls == [.setBreak(true), .setBreak(false)])
    }

    @Test("purging input, output or both succeeds on a pty", arguments: SerialPurge.allCases)
    func purges(queues: SerialPurge) throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        try port.purge(queues)
    }

    @Test("a closed port leaves no descriptor open and refuses every call with a typed error")
    func closedPort() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        #expect(openDescriptors(on: board.devicePath).count == 1)
        port.close()
        port.close()
        #expect(openDescriptors(on: board.devicePath).isEmpty)
        #expect(throws: SerialError(.closed, path: board.devicePath)) { try port.settings }
        #expect(throws: SerialError(.closed, path: board.devicePath)) { try port.apply(.default) }
        #expect(throws: SerialError(.closed, path: board.devicePath)) { try port.setRTS(true) }
        #expect(throws: SerialError(.closed, path: board.devicePath)) { try port.purge(.input) }
        try await withEventLoopGroup { group in
            await #expect(throws: SerialError(.closed, path: board.devicePath)) {
                try await port.withStream(on: group) { _, _ in }
            }
        }
    }
}

extension SerialPortTests {
    @Test("a reset pulses DTR and RTS in the style's order, through the ioctl layer (test double: ptys have no modem lines)")
    func resetPulses() async throws {
        let board = try PseudoterminalBoard()
        for (style, expected) in [
            (SerialResetStyle.classic, [
                RecordingLineControl.Call.setLine(.dtr, raised: false), .setLine(.rts, raised: false),
                .setLine(.dtr, raised: true), .setLine(.rts, raised: true),
            ]),
            (.esp, [.setLine(.dtr, raised: false), .setLine(.rts, raised: true), .setLine(.rts, raised: false)]),
        ] {
            let lines = RecordingLineControl()
            let port = try SerialPort.open(board.devicePath, lineControl: lines)
            let started = ContinuousClock.now
            try await port.reset(style)
            port.close()
            #expect(lines.calls == expected, "\(style)")
            #expect(ContinuousClock.now - started >= style.steps.reduce(.zero) { $0 + $1.pause })
        }
    }
}
