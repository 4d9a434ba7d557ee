import CLinuxShims

/// Which ttys the agent lists, by kernel-name globs (`[devices] include` / `exclude`).
///
/// `ttyS*` ports are listed only when a UART is behind them: the kernel creates placeholder
/// `ttyS` devices for every possible legacy port, and their serial core `type` is 0.
public struct TTYSelection: Sendable, Hashable {
    /// The default globs: USB serial, ARM AMBA UARTs, Exar USB, Bluetooth RFCOMM and legacy UARTs.
    public static let defaultInclude = ["ttyUSB*", "ttyACM*", "ttyAMA*", "ttyXRUSB*", "rfcomm*", "ttyS*"]

    /// Kernel-name globs a tty must match one of.
    public var include: [String]
    /// Kernel-name globs that remove a tty even when included.
    public var exclude: [String]

    /// Creates a selection.
    public init(include: [String] = TTYSelection.defaultInclude, exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    /// Whether the kernel name passes the globs.
    public func admits(name: String) -> Bool {
        include.contains { pio_glob_matches($0, name) != 0 } && !exclude.contains { pio_glob_matches($0, name) != 0 }
    }

    /// Whether the device passes the globs and, for a legacy `ttyS` port, has a UART behind it.
    public func admits(_ device: UdevDevice) -> Bool {
        guard admits(name: device.sysname) else { return false }
        if device.sysname.hasPrefix("ttyS") {
            return (device.serialPortType ?? 0) != 0
        }
        return true
    }
}
