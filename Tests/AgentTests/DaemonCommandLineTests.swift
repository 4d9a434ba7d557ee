@testable import Agent
import AgentConfig
import TestSupport
import Testing

@Suite struct DaemonCommandLineTests {
    @Test func optionsInBothSpellings() throws {
        #expect(try DaemonCommandLine.parse([]) == .run(DaemonOptions()))
        #expect(
            try DaemonCommandLine.parse(["--config", "/tmp/a.toml", "--name=lab-1", "--log-level", "debug"])
                == .run(DaemonOptions(configPath: "/tmp/a.toml", name: "lab-1", logLevel: .debug)))
        #expect(try DaemonCommandLine.parse(["--config=/x.toml"]) == .run(DaemonOptions(configPath: "/x.toml")))
    }

    @Test func shareRepeatsLikePioRemoteAgentStart() throws {
        #expect(
            try DaemonCommandLine.parse(["-n", "farm-7", "--share", "alice", "-s", "ci-bot", "--share=*"])
                == .run(DaemonOptions(name: "farm-7", share: ["alice", "ci-bot", "*"])))
        #expect(DaemonCommandLine.usage.contains("-s, --share <user>"))
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
        (["--share"], "--share needs a value"),
    ])
    func badArgumentsAreRefusedWithAReason(arguments: [String], message: String) {
        #expect {
            _ = try DaemonCommandLine.parse(arguments)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}

@Suite struct DaemonOptionsTests {
    @Test func shareReplacesTheConfiguredListAndIsChecked() throws {
        try TemporaryDirectory.with(prefix: "daemon-options") { directory in
            let file = try directory.write("agent.toml", "[agent]\nname = \"farm1\"\nshare = [\"bob\"]\n")
            let configuration = try DaemonOptions(configPath: file, share: ["alice", "*"]).loadConfiguration()
            #expect(configuration.agent.share == ["alice", "*"])
            #expect(throws: ConfigurationError.self) {
                _ = try DaemonOptions(configPath: file, share: ["not a name"]).loadConfiguration()
            }
        }
    }
}
