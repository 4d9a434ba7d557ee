public import Glibc

/// A private directory (mode 0700) under `$TMPDIR`, or `/tmp` when that is unset, removed with everything in it
/// by ``remove()``, or by ``with(prefix:_:)`` once its body returns.
public struct TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Creates a fresh directory whose name starts with `prefix`; the caller removes it with ``remove()``.
    public init(prefix: String) throws {
        let base = ProcessEnvironment.value("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TestFailure.system("mkdtemp in \(base)")
        }
        self.path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `body` with a fresh directory whose name starts with `prefix`, and removes the directory with all it
    /// holds afterwards, also when `body` throws.
    public static func with<Result>(prefix: String, _ body: (TemporaryDirectory) throws -> Result) throws -> Result {
        let directory = try TemporaryDirectory(prefix: prefix)
        defer { directory.remove() }
        return try body(directory)
    }

    /// The names of the entries directly inside the directory (or its subdirectory `relative`),
    /// without `.` and `..`.
    public func list(_ relative: String = "") throws -> [String] {
        let path = relative.isEmpty ? self.path : file(relative)
        guard let stream = opendir(path) else { throw TestFailure.system("opendir \(path)") }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The absolute path of `relative` inside the directory.
    public func file(_ relative: String) -> String {
        "\(self.path)/\(relative)"
    }

    /// Writes `text` to `relative`, creating missing parent directories, and returns its absolute path.
    @discardableResult
    public func write(_ relative: String, _ text: String, mode: mode_t = 0o644) throws -> String {
        try write(relative, bytes: Array(text.utf8), mode: mode)
    }

    /// Writes `bytes` to `relative`, creating missing parent directories, and returns its absolute path.
    @discardableResult
    public func write(_ relative: String, bytes: [UInt8], mode: mode_t = 0o644) throws -> String {
        let target = file(relative)
        try Files.makeDirectories(Files.directory(of: target))
        try Files.write(bytes, to: target, mode: mode)
        return target
    }

    /// Creates the directory `relative` and its missing parents, and returns its absolute path.
    @discardableResult
    public func makeDirectories(_ relative: String) throws -> String {
        let target = file(relative)
        try Files.makeDirectories(target)
        return target
    }

    /// Creates a symbolic link at `relative` pointing to `target`, creating missing parent directories, and
    /// returns the link's absolute path.
    @discardableResult
    public func symlink(_ relative: String, to target: String) throws -> String {
        let link = file(relative)
        try Files.makeDirectories(Files.directory(of: link))
        try Files.symlink(link, to: target)
        return link
    }

    /// Deletes the directory and everything in it (links are removed, not followed).
    public func remove() {
        Files.removeTree(path)
    }
}
