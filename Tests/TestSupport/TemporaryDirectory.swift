import Glibc

/// A private directory under `/tmp`, removed with everything in it by ``remove()``.
public struct TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Creates a fresh directory whose name starts with `prefix`.
    public init(prefix: String) throws {
        var template = Array("/tmp/\(prefix).XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let created else {
            throw TestFailure.system("mkdtemp")
        }
        self.path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = created
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String {
        "\(self.path)/\(name)"
    }

    /// Deletes the directory and everything in it (links are removed, not followed).
    public func remove() {
        Self.removeTree(path)
    }

    private static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        if let stream = opendir(path) {
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { removeTree("\(path)/\(name)") }
            }
            closedir(stream)
        }
        rmdir(path)
    }
}
