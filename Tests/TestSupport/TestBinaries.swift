import Glibc

/// Locates executables that SwiftPM built next to the running test bundle.
public enum TestBinaries {
    /// The directory holding the test bundle, such as `.build/x86_64-unknown-linux-gnu/debug`.
    public static func buildDirectory() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable: String
        if length > 0 {
            executable = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        } else if let first = CommandLine.arguments.first {
            executable = first
        } else {
            throw TestFailure("cannot tell where the test bundle is")
        }
        guard let slash = executable.lastIndex(of: "/") else {
            return "."
        }
        return String(executable[..<slash])
    }

    /// The absolute path of the executable product `name` in ``buildDirectory()``.
    public static func path(of name: String) throws -> String {
        let path = "\(try Self.buildDirectory())/\(name)"
        guard access(path, X_OK) == 0 else {
            throw TestFailure("\(name) not found at \(path); build all targets with `swift build --build-tests`")
        }
        return path
    }
}
