public import Glibc

/// Plain file-system calls for tests, on Glibc alone. Failures throw ``TestFailure`` naming the call, the path
/// and the `errno` text.
public enum Files {
    /// Whether anything (file, directory, socket, a link's target) exists at `path`.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The bytes of the file at `path`.
    public static func readBytes(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw TestFailure.system("open \(path)") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw TestFailure.system("read \(path)") }
            guard count > 0 else { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// The file at `path` as UTF-8 text.
    public static func read(_ path: String) throws -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    /// Writes `bytes` to `path`, replacing what was there, and gives the file exactly `mode` (whatever the umask).
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw TestFailure.system("open \(path)") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw TestFailure.system("write \(path)") }
            offset += written
        }
        guard fchmod(descriptor, mode) == 0 else { throw TestFailure.system("chmod \(path)") }
    }

    /// Writes `text` as UTF-8 to `path`, replacing what was there, and gives the file exactly `mode`.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        try write(Array(text.utf8), to: path, mode: mode)
    }

    /// Creates the directory `path` and any missing parents (`mkdir -p`).
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw TestFailure.system("mkdir \(prefix)")
            }
        }
    }

    /// Creates a symbolic link at `path` that points to `target`.
    public static func symlink(_ path: String, to target: String) throws {
        guard Glibc.symlink(target, path) == 0 else { throw TestFailure.system("symlink \(path)") }
    }

    /// Removes `path` and everything below it; symbolic links are removed, not followed.
    public static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        if let stream = opendir(path) {
            var children: [String] = []
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { children.append(name) }
            }
            closedir(stream)
            for child in children { removeTree("\(path)/\(child)") }
        }
        rmdir(path)
    }

    /// The directory part of `path`: `/a/b` for `/a/b/c`, `/` for `/a`, `.` for `a`.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
