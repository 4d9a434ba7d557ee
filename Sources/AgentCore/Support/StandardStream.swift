#if canImport(Glibc)
import Glibc
#endif

/// Standard output and error, written with one `write(2)` per call where possible so lines
/// from several threads never interleave and pipes see each line at once.
public enum StandardStream {
    /// File descriptor 1.
    case output
    /// File descriptor 2.
    case error

    /// Writes all of `text`, retrying after partial writes and interruptions.
    public func write(_ text: String) {
        let descriptor = self == .output ? STDOUT_FILENO : STDERR_FILENO
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Whether the stream is a terminal.
    public var isTerminal: Bool { isatty(self == .output ? STDOUT_FILENO : STDERR_FILENO) == 1 }
}
