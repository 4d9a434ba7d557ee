import Glibc

/// A fresh directory under `$TMPDIR` (or /tmp) that exists only for the duration of a closure.
struct TemporaryDirectory {
    /// The absolute path of the directory.
    let path: String

    /// Runs `body` with a new temporary directory and removes it, with all it holds, afterwards
    /// (also when `body` throws).
    static func with<Result>(_ body: (TemporaryDirectory) throws -> Result) throws -> Result {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/pio-packaging-XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw LocalFiles.Failure("mkdtemp", base)
        }
        let directory = TemporaryDirectory(path: String(cString: created))
        defer { LocalFiles.removeTree(directory.path) }
        return try body(directory)
    }

    /// The absolute path of `relative` inside the directory.
    func path(_ relative: String) -> String {
        "\(path)/\(relative)"
    }

    /// Writes `text` to `relative` (parent directories created) and returns its absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String, mode: mode_t = 0o644) throws -> String {
        try write(relative, bytes: Array(text.utf8), mode: mode)
    }

    /// Writes `bytes` to `relative` (parent directories created) and returns its absolute path.
    @discardableResult
    func write(_ relative: String, bytes: [UInt8], mode: mode_t = 0o644) throws -> String {
        let target = path(relative)
        try LocalFiles.makeDirectories(LocalFiles.directory(of: target))
        try LocalFiles.write(bytes, to: target, mode: mode)
        return target
    }

    /// Creates the directory `relative` and its parents; returns its absolute path.
    @discardableResult
    func makeDirectories(_ relative: String) throws -> String {
        let target = path(relative)
        try LocalFiles.makeDirectories(target)
        return target
    }

    /// Creates a symbolic link at `relative` pointing to `target` (parents created).
    func symlink(_ relative: String, to target: String) throws {
        let link = path(relative)
        try LocalFiles.makeDirectories(LocalFiles.directory(of: link))
        try LocalFiles.symlink(link, to: target)
    }
}
