import AgentCore
import ArgumentParser
@testable import PioctlCommands
import Testing

@Suite struct PioctlParsingTests {
    @Test func theSocketOptionGoesBeforeOrAfterTheSubcommand() throws {
        let before = try #require(try Pioctl.parseAsRoot(["--socket", "/tmp/a.sock", "status", "--json"]) as? StatusCommand)
        #expect(before.pioctl.global.socketPath == "/tmp/a.sock")
        #expect(before.json)
        let after = try #require(try Pioctl.parseAsRoot(["devices", "--socket", "/tmp/b.sock", "--watch"]) as? DevicesCommand)
        #expect(after.pioctl.global.socketPath == "/tmp/b.sock")
        #expect(after.watch)
    }

    @Test func reannounceDefaultsToOneSecondAndValidatesItsTimeout() throws {
        let command = try #require(try Pioctl.parseAsRoot(["reannounce", "--device", "ttyUSB0"]) as? ReannounceCommand)
        #expect(command.timeout == 1)
        #expect(command.device == "ttyUSB0")
        #expect(throws: (any Error).self) { _ = try Pioctl.parseAsRoot(["reannounce", "--timeout", "0"]) }
        #expect(throws: (any Error).self) { _ = try Pioctl.parseAsRoot(["reannounce", "--device", ""]) }
    }

    @Test func deviceNamesArePercentEncodedForTheQuery() {
        #expect(ReannounceCommand.percentEncoded("ttyUSB0") == "ttyUSB0")
        #expect(ReannounceCommand.percentEncoded("/dev/serial/by-id/usb-A B&c") == "%2Fdev%2Fserial%2Fby-id%2Fusb-A%20B%26c")
    }
}

@Suite struct RemoteParsingTests {
    @Test func theAgentSelectionGoesBeforeOrAfterTheSubcommands() throws {
        let before = try #require(
            try Pioctl.parseAsRoot(["remote", "-a", "farm1", "-a", "farm2", "device", "list", "--json"])
                as? RemoteDeviceListCommand)
        #expect(before.remote.options.agents == ["farm1", "farm2"])
        #expect(before.json)
        let after = try #require(
            try Pioctl.parseAsRoot(["remote", "device", "list", "--agent", "farm3", "--timeout", "1.5"])
                as? RemoteDeviceListCommand)
        #expect(after.remote.options.agents == ["farm3"])
        #expect(after.remote.options.timeout == 1.5)
        let agents = try #require(try Pioctl.parseAsRoot(["remote", "agent", "list"]) as? RemoteAgentListCommand)
        #expect(agents.remote.options.agents.isEmpty)
        #expect(try agents.remote.options.deadline() == .seconds(3))
    }

    @Test func timeoutsAreChecked() throws {
        let command = try #require(
            try Pioctl.parseAsRoot(["remote", "device", "list", "--timeout", "0"]) as? RemoteDeviceListCommand)
        #expect(throws: (any Error).self) { _ = try command.remote.options.deadline() }
    }

    @Test func loginNeedsABrokerAndAUser() throws {
        #expect(throws: (any Error).self) { _ = try Pioctl.parseAsRoot(["login", "--username", "dev"]) }
        let login = try #require(
            try Pioctl.parseAsRoot(["login", "--broker", "mqtts://b", "--username", "dev", "--password-stdin"])
                as? LoginCommand)
        #expect(login.passwordStdin)
        #expect(login.caFile == nil)
    }
}

@Suite struct DeviceKindFilterTests {
    @Test func mdnsAndSerialFlagsParse() throws {
        let remote = try #require(try Pioctl.parseAsRoot(["remote", "device", "list", "--mdns"]) as? RemoteDeviceListCommand)
        #expect(remote.mdns && !remote.serial)
        let local = try #require(try Pioctl.parseAsRoot(["devices", "--serial", "--json"]) as? DevicesCommand)
        #expect(local.serial && !local.mdns && local.json)
    }
}
