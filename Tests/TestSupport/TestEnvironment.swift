import Glibc

/// Facts about the machine the tests run on, and the environments to start programs with.
public enum TestEnvironment {
    /// Where ``locate(_:)`` looks after `$PATH`, and the `PATH` of ``toolEnvironment(_:)``: the usual bin and
    /// sbin directories, as root's shell would have them.
    public static let toolSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// Whether the tests run as root (network namespaces, udevd, uevent triggers need it).
    public static var isRoot: Bool { geteuid() == 0 }

    /// This process's environment as `NAME=value` strings, with `changes` applied (nil removes).
    public static func environment(_ changes: [String: String?] = [:]) -> [String] {
        var inherited: [String] = []
        var index = 0
        while let entry = environ[index] {
            inherited.append(String(decoding: UnsafeRawBufferPointer(start: entry, count: strlen(entry)), as: UTF8.self))
            index += 1
        }
        return Self.apply(changes, to: inherited)
    }

    /// A small fixed environment for system tools, so that what they print is the same for every user and
    /// machine: `PATH` is ``toolSearchPath``, `LC_ALL=C`, and no colours or pager; then `changes` (nil removes).
    public static func toolEnvironment(_ changes: [String: String?] = [:]) -> [String] {
        let fixed = [
            "LC_ALL=C", "NO_COLOR=1", "PATH=\(toolSearchPath)", "SYSTEMD_COLORS=0", "SYSTEMD_PAGER=cat",
        ]
        return Self.apply(changes, to: fixed)
    }

    /// Whether an executable exists at `path`.
    public static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

    /// The absolute path of the program `tool`: `tool` itself when it is a path, else the first executable of
    /// that name in `$PATH` or ``toolSearchPath``; nil when there is none.
    public static func locate(_ tool: String) -> String? {
        if tool.contains("/") {
            return isExecutable(tool) ? tool : nil
        }
        let directories = (ProcessEnvironment.value("PATH") ?? "") + ":" + toolSearchPath
        for directory in directories.split(separator: ":") where isExecutable("\(directory)/\(tool)") {
            return "\(directory)/\(tool)"
        }
        return nil
    }

    /// `entries` without the variables named in `changes`, followed by those `changes` that set a value.
    private static func apply(_ changes: [String: String?], to entries: [String]) -> [String] {
        var result = entries.filter { changes[String($0.prefix { $0 != "=" })] == nil }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value { result.append("\(name)=\(value)") }
        }
        return result
    }
}
