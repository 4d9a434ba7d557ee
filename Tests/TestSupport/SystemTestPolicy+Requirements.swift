public import Testing

extension SystemTestPolicy {
    /// Stops the current test unless it runs as root: fails under `PIO_REQUIRE_SYSTEM_TESTS=1`, skips otherwise.
    public static func requireRoot(for purpose: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard !TestEnvironment.isRoot else { return }
        try unavailable("needs root for \(purpose)", sourceLocation: sourceLocation)
    }

    /// The absolute path of `tool` (a name, or a path), found as ``TestEnvironment/locate(_:)`` finds it; when it
    /// is missing, stops the current test: fails under `PIO_REQUIRE_SYSTEM_TESTS=1`, skips otherwise.
    /// - Parameter package: the Debian package that installs `tool`, named in the message.
    @discardableResult
    public static func requireTool(
        _ tool: String, package: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        guard let path = TestEnvironment.locate(tool) else {
            let remedy = package.map { "; install the Debian package \($0)" } ?? ""
            try unavailable("\(tool) is not installed\(remedy)", sourceLocation: sourceLocation)
        }
        return path
    }
}
