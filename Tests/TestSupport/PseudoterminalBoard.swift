import CLinuxShims
import Glibc
import Synchronization

/// A board made of a pseudo-terminal: the port under test opens ``devicePath`` (the pty's device side),
/// and the test reads and writes the controller side in blocking mode, as a board would answer.
///
/// Reads and writes block the calling thread: call them inside `blocking { }`, never on the cooperative
/// pool directly. Closing the controller hangs the device side up, as unplugging a USB adapter does.
public final class PseudoterminalBoard: Sendable {
    /// The device side's path, such as `/dev/pts/3`.
    public let devicePath: String
    private let controller: Int32
    private let closed = Atomic<Bool>(false)

    /// Opens a new pair whose controller side blocks.
    public init() throws {
        var path = [CChar](repeating: 0, count: 128)
        let descriptor = pio_open_pty(&path, path.count)
        guard descriptor >= 0 else { throw TestFailure.system("pio_open_pty") }
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
            let failure = TestFailure.system("fcntl O_NONBLOCK")
            Glibc.close(descriptor)
            throw failure
        }
        controller = descriptor
        devicePath = String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes all of `bytes`, waiting while the pty is full (the port's reader is behind).
    public func write(_ bytes: some Collection<UInt8>) throws {
        var remaining = Array(bytes)[...]
        while !remaining.isEmpty {
            let count = remaining.withUnsafeBytes { Glibc.write(controller, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw TestFailure.system("write to the pty controller") }
            remaining = remaining.dropFirst(count)
        }
    }

    /// Reads what arrives, passing each chunk to `consume`, until `consume` returns false; fails when
    /// nothing arrives for `timeout`.
    public func read(timeout: Duration = .seconds(10), _ consume: ([UInt8]) throws -> Bool) throws {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            var request = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, Int32(timeout.components.seconds * 1000))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { throw TestFailure("nothing arrived at the board within \(timeout)") }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(controller, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw TestFailure.system("read from the pty controller") }
            guard try consume(Array(buffer[..<count])) else { return }
        }
    }

    /// Reads exactly `count` bytes.
    public func read(count: Int, timeout: Duration = .seconds(10)) throws -> [UInt8] {
        var received: [UInt8] = []
        try read(timeout: timeout) { chunk in
            received += chunk
            return received.count < count
        }
        return received
    }

    /// The baud rate the device side is set to, read through the controller (Linux answers a
    /// pty controller's TCGETS2 with its device side's settings).
    public func baudRate() throws -> Int {
        var line = pio_serial_line()
        guard pio_serial_read_line(controller, &line) == 0 else { throw TestFailure.system("TCGETS2 on the pty controller") }
        return Int(line.baud)
    }

    /// Closes the controller: the device side hangs up.
    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Glibc.close(controller)
    }

    deinit { close() }
}
