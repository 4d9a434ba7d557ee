import TestSupport

extension ChildProcess {
    /// How long a system tool run by the packaging tests (systemd-analyze, systemd-sysusers, a whole udev sandbox)
    /// may take before its process group is killed and the test fails.
    static let systemToolTimeout: Duration = .seconds(120)

    /// Runs `tool` (a path, or a name found in the usual bin and sbin directories) to completion in
    /// ``TestEnvironment/toolEnvironment(_:)``, so that what it prints reads the same on every machine.
    static func runSystemTool(_ tool: String, _ arguments: [String]) throws -> CommandResult {
        try run(tool, arguments, environment: TestEnvironment.toolEnvironment(), timeout: systemToolTimeout)
    }
}
