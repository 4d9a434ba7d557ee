#if canImport(Glibc)
import Glibc
#endif

/// Finds a flasher's program before it runs, so that a missing tool is a clear error naming the
/// tool and its package rather than a failed exec.
public enum ToolLocator {
    /// The path of `program`: itself when it contains a slash, else the first executable of that
    /// name in `searchPath` (`PATH`'s form).
    ///
    /// - Throws: ``FlashingError`` of kind `.missingTool`, with `installHint` when given.
    public static func locate(_ program: String, searchPath: String, installHint: String?) throws(FlashingError) -> String {
        let hint = installHint.map { "; \($0)" } ?? ""
        if program.contains("/") {
            guard access(program, X_OK) == 0 else {
                throw FlashingError(.missingTool, "the flasher \(program) is not there or not executable\(hint)")
            }
            return program
        }
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(directory)/\(program)"
            var information = stat()
            if stat(candidate, &information) == 0, information.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw FlashingError(.missingTool, "the flasher \(program) is not installed on this agent (not in PATH)\(hint)")
    }
}
