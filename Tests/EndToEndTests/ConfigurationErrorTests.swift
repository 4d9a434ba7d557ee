import TestSupport
import Testing

/// A configuration problem stops the daemon at once with exit status 2 and one line naming the
/// file, line and key.
@Suite struct ConfigurationErrorTests {
    static func run(_ arguments: [String]) async throws -> CommandResult {
        try await ChildProcess.run(
            try TestBinaries.path(of: "pio-agentd"), arguments, environment: TestEnvironment.environment(["NOTIFY_SOCKET": nil]))
    }

    @Test func aMissingExplicitFileIsExit2() async throws {
        let result = try await Self.run(["--config", "/nonexistent/agent.toml"])
        #expect(result.status == 2)
        #expect(result.standardError == "pio-agentd: /nonexistent/agent.toml: cannot read it: No such file or directory\n")
    }

    @Test(arguments: [
        ("[agent]\nname = \"x\"\n[devices]\ninclude = 5\n", ":4: devices.include: must be an array of strings"),
        ("[log]\nlevel = \"chatty\"\n", ":2: log.level: must be one of"),
        ("[control]\nsocket = \"/tmp/a.sock\"\nmod = \"0660\"\n", ":3: control.mod: unknown key"),
        ("[agent\n", ":1: invalid TOML"),
    ])
    func aBadFileIsExit2WithLineAndKey(text: String, fragment: String) async throws {
        let directory = try TemporaryDirectory(prefix: "bad-config")
        defer { directory.remove() }
        let path = directory.file("agent.toml")
        try Files.write(text, to: path)
        let result = try await Self.run(["--config", path])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("pio-agentd: \(path)\(fragment)"), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    @Test func aBadNameFlagIsExit2() async throws {
        let directory = try TemporaryDirectory(prefix: "bad-config")
        defer { directory.remove() }
        try Files.write("", to: directory.file("agent.toml"))
        let result = try await Self.run(["--config", directory.file("agent.toml"), "--name", "not/valid"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--name: must be 1 to 64"))
    }
}
