import Glibc

/// Plain file-system calls the packaging tests need, on Glibc alone.
enum LocalFiles {
    /// An error from a file-system call, with the path and `strerror(errno)`.
    struct Failure: Error, CustomStringConvertible {
        /// What failed, e.g. `open /tmp/x: No such file or directory`.
        let description: String

        init(_ operation: String, _ path: String, errno code: Int32 = errno) {
            description = "\(operation) \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Whether anything (file, directory, symlink target) exists at `path`.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The bytes of the file at `path`.
    static func readBytes(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure("open", path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure("read", path)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The file at `path` as UTF-8 text.
    static func read(_ path: String) throws -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    /// Writes `bytes` to `path` (created or truncated) and sets its mode.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure("create", path) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure("write", path)
            }
            offset += written
        }
        guard fchmod(fd, mode) == 0 else { throw Failure("chmod", path) }
    }

    /// Writes `text` as UTF-8 to `path` (created or truncated) and sets its mode.
    static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        try write(Array(text.utf8), to: path, mode: mode)
    }

    /// Creates `path` and any missing parent directories.
    static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw Failure("mkdir", prefix)
            }
        }
    }

    /// Creates a symbolic link at `path` pointing to `target`.
    static func symlink(_ path: String, to target: String) throws {
        guard Glibc.symlink(target, path) == 0 else { throw Failure("symlink", path) }
    }

    /// Removes `path` and everything below it, without following symbolic links.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        if let directory = opendir(path) {
            var children: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { children.append(name) }
            }
            closedir(directory)
            for child in children { removeTree("\(path)/\(child)") }
        }
        rmdir(path)
    }

    /// The directory part of `path` ("/a/b/c" → "/a/b").
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
