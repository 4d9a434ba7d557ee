import Glibc

/// Facts about the machine the tests run on.
public enum TestEnvironment {
    /// Whether the tests run as root (network namespaces, udevd, uevent triggers need it).
    public static var isRoot: Bool { geteuid() == 0 }

    /// This process's environment as `NAME=value` strings, with `changes` applied (nil removes).
    public static func environment(_ changes: [String: String?] = [:]) -> [String] {
        var result: [String] = []
        var index = 0
        while let entry = environ[index] {
            let text = String(decoding: UnsafeRawBufferPointer(start: entry, count: strlen(entry)), as: UTF8.self)
            let name = String(text.prefix { $0 != "=" })
            if changes[name] == nil { result.append(text) }
            index += 1
        }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value { result.append("\(name)=\(value)") }
        }
        return result
    }

    /// Whether an executable exists at `path`.
    public static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }
}
