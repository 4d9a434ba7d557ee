import AgentCore
import Glibc
import RemoteClient
import TestSupport
import Testing

@Suite struct ClientProfileStoreTests {
    /// A store in `directory` that sees only `variables` as its environment.
    static func store(in directory: TemporaryDirectory, _ variables: [String: String] = [:]) -> ClientProfileStore {
        let environment = variables.merging(["XDG_CONFIG_HOME": directory.path]) { current, _ in current }
        return ClientProfileStore { environment[$0] }
    }

    @Test func aSavedProfileLoadsBackWithAPrivateSecret() throws {
        try TemporaryDirectory.with(prefix: "pioctl-store") { directory in
            let store = Self.store(in: directory)
            let profile = ClientProfile(
                broker: BrokerURL("mqtts://broker.example.com")!, username: "alice", password: "p\"w\\d=#",
                caFile: "/etc/ca \"quoted\" \\ path.pem", prefix: "lab/v1")
            try store.save(profile)
            #expect(store.configurationFile == "\(directory.path)/pioctl/config.toml")
            #expect(try store.load() == profile)
            var status = stat()
            #expect(stat(store.secretFile, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o600)
            #expect(!(try Files.read(store.configurationFile)).contains("p\"w"))
            #expect(store.remove())
            #expect(!store.remove())
        }
    }

    @Test func environmentVariablesOverrideTheStoredSettings() throws {
        try TemporaryDirectory.with(prefix: "pioctl-store") { directory in
            try Self.store(in: directory).save(
                ClientProfile(broker: BrokerURL("mqtts://stored")!, username: "alice", password: "stored", caFile: nil))
            let overridden = Self.store(in: directory, [
                "PIOCTL_BROKER": "mqtts://ci-broker:9883", "PIOCTL_USERNAME": "ci-bot", "PIO_AUTH_TOKEN": "token",
                "PIOCTL_CA_FILE": "/ci/ca.pem",
            ])
            let profile = try overridden.load()
            #expect(profile.broker == BrokerURL("mqtts://ci-broker:9883"))
            #expect(profile.username == "ci-bot")
            #expect(profile.password == "token")
            #expect(profile.caFile == "/ci/ca.pem")
        }
    }

    @Test func aSecretOthersCanReadIsRefused() throws {
        try TemporaryDirectory.with(prefix: "pioctl-store") { directory in
            let store = Self.store(in: directory)
            try store.save(ClientProfile(broker: BrokerURL("mqtts://b")!, username: "alice", password: "pw", caFile: nil))
            chmod(store.secretFile, 0o640)
            let error = try #require(throws: RemoteClientError.self) { try store.load() }
            #expect(error.kind == .badProfile)
            #expect(error.description.contains("readable by others"))
        }
    }

    @Test func withoutSettingsTheUserIsNotLoggedIn() throws {
        try TemporaryDirectory.with(prefix: "pioctl-store") { directory in
            let error = try #require(throws: RemoteClientError.self) { try Self.store(in: directory).load() }
            #expect(error.kind == .notLoggedIn)
            #expect(error.description.contains("pioctl login"))
        }
    }

    @Test(arguments: ["http://broker", "mqtt://broker.example.com", "mqtts://", "broker:8883"])
    func unusableBrokersAreRefused(url: String) throws {
        try TemporaryDirectory.with(prefix: "pioctl-store") { directory in
            let store = Self.store(in: directory, ["PIOCTL_BROKER": url, "PIOCTL_USERNAME": "alice"])
            let error = try #require(throws: RemoteClientError.self) { try store.load() }
            #expect(error.kind == .badProfile)
        }
    }

    @Test func aMalformedSettingsFileNamesItsLine() throws {
        try TemporaryDirectory.with(prefix: "pioctl-store") { directory in
            _ = try directory.makeDirectories("pioctl")
            _ = try directory.write("pioctl/config.toml", "broker = \"mqtts://b\"\nusername = alice\n")
            let error = try #require(throws: RemoteClientError.self) { try Self.store(in: directory).load() }
            #expect(error.description.contains("config.toml:2"))
        }
    }
}
