import AgentConfig
import Flashing
import Testing

@Suite struct FlasherConfigurationTests {
    @Test func flasherProfilesAreRead() throws {
        let configuration = try AgentConfigurationTests.parse("""
            [[flasher]]
            name = "esp32-esptool"
            command = ["esptool.py", "--port", "{port}", "--baud", "{baud}", "write_flash", "0x0", "{firmware}"]
            match = { vid = "303A", board = "esp32" }
            timeout_s = 90

            [[flasher]]
            name = "sim"
            command = ["/opt/sim/flash", "{port}", "{firmware}"]
            """)
        #expect(configuration.flashers == [
            FlasherProfile(
                name: "esp32-esptool",
                command: ["esptool.py", "--port", "{port}", "--baud", "{baud}", "write_flash", "0x0", "{firmware}"],
                match: DeviceMatch(vid: "303A", board: "esp32"), timeout: .seconds(90)),
            FlasherProfile(name: "sim", command: ["/opt/sim/flash", "{port}", "{firmware}"], match: nil, timeout: .seconds(120)),
        ])
    }

    @Test func firmwareLimitsAreReadWithTheirDefaults() throws {
        let defaults = try AgentConfigurationTests.parse("").firmware
        #expect(defaults.maxMiB == 64 && defaults.maxTransfers == 4 && defaults.stagingDirectory == "/var/lib/pio-agent/firmware")
        let firmware = try AgentConfigurationTests.parse("[firmware]\nmax_mib = 16\nmax_transfers = 2\nstaging_dir = \"/srv/fw\"\n").firmware
        #expect(firmware.maxMiB == 16 && firmware.maxTransfers == 2 && firmware.stagingDirectory == "/srv/fw")
        for (text, key) in [
            ("[firmware]\nmax_mib = 0\n", "firmware.max_mib"), ("[firmware]\nmax_transfers = 65\n", "firmware.max_transfers"),
            ("[firmware]\nstaging_dir = \"fw\"\n", "firmware.staging_dir"), ("[firmware]\nmax_gib = 1\n", "firmware.max_gib"),
        ] {
            #expect(AgentConfigurationTests.error(text)?.key == key, "\(text)")
        }
    }

    @Test(arguments: [
        ("[[flasher]]\ncommand = [\"x\", \"{firmware}\"]\n", "flasher[0]", "needs a name"),
        ("[[flasher]]\nname = \"a\"\n", "flasher[0].command", "needs the program"),
        ("[[flasher]]\nname = \"a\"\ncommand = [\"x\", \"{prot}\", \"{firmware}\"]\n", "flasher[0].command", "unknown placeholder {prot}"),
        ("[[flasher]]\nname = \"a\"\ncommand = [\"x\", \"{port}\"]\n", "flasher[0].command", "{firmware}"),
        ("[[flasher]]\nname = \"a\"\ncommand = [\"x\", \"{firmware}\"]\ntimeout_s = 0\n", "flasher[0].timeout_s", "1 to 86400"),
        ("[[flasher]]\nname = \"a\"\ncommand = [\"x\", \"{firmware}\"]\nmatch = { vid = \"30\" }\n", "flasher[0].match.vid", "four hex digits"),
        ("[[flasher]]\nname = \"a\"\ncommand = [\"x\", \"{firmware}\"]\nmatch = { kind = \"usb\" }\n", "flasher[0].match.kind", "serial"),
        ("[[flasher]]\nname = \"a\"\ncommand = [\"x\", \"{firmware}\"]\nmatch = { serial = \"1\" }\n", "flasher[0].match.serial", "unknown key"),
        ("[[flasher]]\nname = \"a\"\ncommand = [\"x\", \"{firmware}\"]\n[[flasher]]\nname = \"a\"\ncommand = [\"y\", \"{firmware}\"]\n", "flasher[1].name", "used twice"),
        ("[[flasher]]\nname = \"a\"\ncommand = [\"x\", \"{firmware}\"]\nshell = true\n", "flasher[0].shell", "unknown key"),
    ])
    func badProfilesAreRefusedWithTheirKey(text: String, key: String, fragment: String) throws {
        let error = try #require(AgentConfigurationTests.error(text))
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(fragment), "\(error)")
    }
}
