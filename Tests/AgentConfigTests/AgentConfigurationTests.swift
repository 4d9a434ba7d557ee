import AgentCore
import AgentConfig
import TestSupport
import Testing

@Suite struct AgentConfigurationTests {
    static func parse(_ text: String) throws(ConfigurationError) -> AgentConfiguration {
        try AgentConfiguration(parsing: text, file: "/etc/pio-agent/agent.toml", hostName: "farm-01.lab.example")
    }

    static func error(_ text: String) -> ConfigurationError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func anEmptyFileMeansTheDefaults() throws {
        let configuration = try Self.parse("")
        #expect(configuration.agent.name == "farm-01")
        #expect(configuration.control.socket == "/run/pio-agent/control.sock")
        #expect(configuration.control.group == "pio-agent")
        #expect(configuration.control.mode == 0o660)
        #expect(configuration.devices.include == ["ttyUSB*", "ttyACM*", "ttyAMA*", "ttyXRUSB*", "rfcomm*", "ttyS*"])
        #expect(configuration.devices.staticPorts.isEmpty)
        #expect(configuration.log.level == .info)
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try Self.parse("""
            [agent]
            name = "bench-7"

            [control]
            socket = "/tmp/agent.sock"
            group = ""
            mode = 0o600

            [devices]
            include = ["ttyUSB*"]
            exclude = ["ttyUSB9"]
            udev_receive_buffer_kib = 64
            static_poll_s = 0.5

            [[devices.static]]
            port = "/dev/pts/3"
            id = "bench-pty"
            description = "socat pty"
            board = "esp32"
            modem_lines = "loopback"

            [[devices.static]]
            port = "/dev/ttyV0"

            [log]
            level = "debug"
            """)
        #expect(configuration.agent.name == "bench-7")
        #expect(configuration.control.socket == "/tmp/agent.sock")
        #expect(configuration.control.group == nil)
        #expect(configuration.control.mode == 0o600)
        #expect(configuration.devices.include == ["ttyUSB*"])
        #expect(configuration.devices.exclude == ["ttyUSB9"])
        #expect(configuration.devices.udevReceiveBufferKiB == 64)
        #expect(configuration.devices.staticPollSeconds == 0.5)
        #expect(configuration.devices.staticPorts == [
            .init(port: "/dev/pts/3", id: "bench-pty", description: "socat pty", board: "esp32", modemLines: .loopback),
            .init(port: "/dev/ttyV0"),
        ])
        #expect(configuration.log.level == .debug)
        #expect(configuration.file == "/etc/pio-agent/agent.toml")
    }

    @Test(arguments: [
        ("[agent]\nname = \"a b\"\n", 2, "agent.name", "1 to 64"),
        ("[agent]\nname = 7\n", 2, "agent.name", "must be a string, not a integer"),
        ("\n\n[devices]\ninclude = \"ttyUSB*\"\n", 4, "devices.include", "array of strings"),
        ("[devices]\ninclude = [\"ttyUSB*\", 3]\n", 2, "devices.include", "array of strings"),
        ("[devices]\nexclude = [\"/dev/ttyUSB0\"]\n", 2, "devices.exclude", "kernel-name globs"),
        ("[devices]\nudev_receive_buffer_kib = 0\n", 2, "devices.udev_receive_buffer_kib", "4 to 1048576"),
        ("[control]\nmode = 0o666\n", 2, "control.mode", "must not give others access"),
        ("[control]\nmode = \"rw\"\n", 2, "control.mode", "octal mode"),
        ("[control]\nmode = 0o060\n", 2, "control.mode", "daemon's user"),
        ("[control]\nsocket = \"\"\n", 2, "control.socket", "1 to 107 bytes"),
        ("[log]\nlevel = \"loud\"\n", 2, "log.level", "one of trace"),
        ("[agent]\nnmae = \"x\"\n", 2, "agent.nmae", "unknown key"),
        ("[agents]\nname = \"x\"\n", 1, "agents", "unknown key"),
        ("[devices]\n[[devices.static]]\nid = \"x\"\n", 2, "devices.static[0]", "needs a port"),
        ("[[devices.static]]\nport = \"dev/pts/3\"\n", 2, "devices.static[0].port", "absolute path"),
        ("[[devices.static]]\nport = \"/dev/pts/3\"\nid = \"a b\"\n", 3, "devices.static[0].id", "1 to 128"),
        ("[[devices.static]]\nport = \"/dev/a\"\n\n[[devices.static]]\nport = \"/dev/a\"\n", 5, "devices.static[1].port", "declared twice"),
        ("[[devices.static]]\nport = \"/dev/a\"\nid = \"x\"\n[[devices.static]]\nport = \"/dev/b\"\nid = \"x\"\n", 6, "devices.static[1].id", "used twice"),
        ("[[devices.static]]\nport = \"/dev/a\"\nspeed = 9600\n", 3, "devices.static[0].speed", "unknown key"),
        ("[[devices.static]]\nport = \"/dev/a\"\nmodem_lines = \"fake\"\n", 3, "devices.static[0].modem_lines", "\"device\" or \"loopback\""),
    ])
    func aBadValueIsReportedWithFileLineAndKey(text: String, line: Int, key: String, fragment: String) throws {
        let error = try #require(Self.error(text))
        #expect(error.file == "/etc/pio-agent/agent.toml")
        #expect(error.line == line, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(fragment), "\(error)")
        #expect("\(error)".hasPrefix("/etc/pio-agent/agent.toml:\(line): \(key): "))
    }

    @Test func invalidTOMLIsReportedWithItsLine() throws {
        let error = try #require(Self.error("[agent]\nname = \"unterminated\n"))
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("invalid TOML"))
    }

    @Test func aMissingDefaultFileMeansDefaultsButAMissingExplicitFileIsAnError() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        let missing = directory.file("nope.toml")
        #expect {
            _ = try AgentConfiguration.load(path: missing, hostName: "h")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.file == missing && error.line == nil && error.message.contains("No such file")
        }
    }

    @Test func hostNamesBecomeValidAgentNames() {
        #expect(AgentName.derived(fromHostName: "farm-01.lab.example") == "farm-01")
        #expect(AgentName.derived(fromHostName: "bench rack#2") == "bench-rack-2")
        #expect(AgentName.derived(fromHostName: "") == "pio-agent")
        #expect(AgentName.derived(fromHostName: String(repeating: "x", count: 100)).count == 64)
        #expect(AgentName.isValid("lab_01.a-b"))
        #expect(!AgentName.isValid(""))
        #expect(!AgentName.isValid("a/b"))
    }
}
