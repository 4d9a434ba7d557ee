import CLinuxShims
import Glibc

/// A pseudo-terminal pair standing in for a board: the agent opens ``devicePath`` like a serial
/// port; the test holds the controller side. Closing the controller makes the device vanish.
public final class Pseudoterminal: @unchecked Sendable {
    // @unchecked: the descriptor is written once in init and closed once in close(), by the owning test.
    /// The device path, such as `/dev/pts/3`.
    public let devicePath: String
    private var controller: Int32

    /// Opens a new pair.
    public init() throws {
        var path = [CChar](repeating: 0, count: 128)
        controller = pio_open_pty(&path, path.count)
        guard controller >= 0 else { throw TestFailure.system("pio_open_pty") }
        devicePath = String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Closes the controller side, so the device node disappears.
    public func close() {
        guard controller >= 0 else { return }
        _ = Glibc.close(controller)
        controller = -1
    }

    deinit { close() }
}
