import Glibc

/// Files of this repository, found from this source file's path.
public enum PackageFiles {
    /// The repository's root directory.
    public static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path
    }()

    /// The absolute path of `relativePath` in the repository.
    public static func path(_ relativePath: String) -> String { "\(root)/\(relativePath)" }
}

extension String {
    /// The UTF-8 text of the file at `path`.
    public init(readingFile path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw TestFailure.system("open \(path)") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
