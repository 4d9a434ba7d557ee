import ArgumentParser

/// A transformation of what the monitor shows (`--filter`, as in `pio device monitor`).
enum MonitorFilter: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Each line starts with the local time it began: `12:04:31.250 > `.
    case time
    /// Bytes shown as hexadecimal pairs.
    case hexlify
    /// Control characters shown as their Unicode pictures (␀ ␛ ␍…), line feeds kept as new lines.
    case nocontrol
    /// What the board sends is also written, unchanged, to a file in the current directory.
    case log2file
}
