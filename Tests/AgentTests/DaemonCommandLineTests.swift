import Agent
import AgentConfig
import Testing

@Suite struct DaemonCommandLineTests {
    @Test func optionsInBothSpellings() throws {
        #expect(try DaemonCommandLine.parse([]) == .run(DaemonOptions()))
        #expect(
            try DaemonCommandLine.parse(["--config", "/tmp/a.toml", "--name=lab-1", "--log-level", "debug"])
                == .run(DaemonOptions(configPath: "/tmp/a.toml", name: "lab-1", logLevel: .debug)))
        #expect(try DaemonCommandLine.parse(["--config=/x.toml"]) == .run(DaemonOptions(configPath: "/x.toml")))
    }

    @Test func helpAndVersionWinOverTheRest() throws {
        #expect(try DaemonCommandLine.parse(["--config", "/a", "--help"]) == .help)
        #expect(try DaemonCommandLine.parse(["-h"]) == .help)
        #expect(try DaemonCommandLine.parse(["--version"]) == .version)
        #expect(DaemonCommandLine.usage.contains("--log-level <level>"))
    }

    @Test(arguments: [
        (["--config"], "--config needs a value"),
        (["--log-level", "loud"], "--log-level must be one of trace"),
        (["--nmae", "x"], "unknown argument --nmae"),
        (["serve"], "unknown argument serve"),
    ])
    func badArgumentsAreRefusedWithAReason(arguments: [String], message: String) {
        #expect {
            _ = try DaemonCommandLine.parse(arguments)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}
