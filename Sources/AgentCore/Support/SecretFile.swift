#if canImport(Glibc)
import Glibc
#endif

/// A password or token kept in a file: its first line, read only when the file's permission bits
/// keep it from the users it must not reach.
public enum SecretFile {
    /// Why a secret could not be taken from its file.
    public enum Failure: Error, Sendable, Hashable {
        /// The file does not exist.
        case missing
        /// The file cannot be opened or read; the `errno` value.
        case unreadable(errno: Int32)
        /// The file has some of the forbidden mode bits; its permission bits.
        case tooOpen(mode: UInt32)
    }

    /// The first line of the file at `path` (nil when it is empty), refusing a file that has any
    /// of `forbiddenModeBits` (0o007: others have access; 0o077: anyone but the owner).
    public static func firstLine(at path: String, forbiddenModeBits: UInt32) -> Result<String?, Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(errno == ENOENT ? .missing : .unreadable(errno: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(errno: errno)) }
        guard status.st_mode & forbiddenModeBits == 0 else { return .failure(.tooOpen(mode: status.st_mode & 0o777)) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &bytes, bytes.count)
        guard count >= 0 else { return .failure(.unreadable(errno: errno)) }
        let line = bytes[..<count].prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        return .success(line.isEmpty ? nil : String(decoding: line, as: UTF8.self))
    }
}
