import AgentCore
import Glibc
import TestSupport
import Testing

/// `pioctl login`, `logout` and `remote … list` as a developer runs them, against a real broker and agents.
@Suite("pioctl remote end to end", .timeLimit(.minutes(2)))
struct RemoteCommandTests {
    /// Runs pioctl with a private HOME and the given extra environment.
    static func pioctl(
        _ arguments: [String], home: TemporaryDirectory, environment: [String: String?] = [:], stdinFile: String? = nil
    ) async throws -> CommandResult {
        var variables: [String: String?] = [
            "HOME": home.path, "XDG_CONFIG_HOME": nil, "PIOCTL_BROKER": nil, "PIOCTL_USERNAME": nil,
            "PIO_AUTH_TOKEN": nil, "PIOCTL_CA_FILE": nil,
        ]
        variables.merge(environment) { $1 }
        let binary = try TestBinaries.path(of: "pioctl")
        if let stdinFile {
            let quoted = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
            return try await ChildProcess.run(
                "/bin/sh", ["-c", "exec \(quoted) < '\(stdinFile)'"], environment: TestEnvironment.environment(variables))
        }
        return try await ChildProcess.run(binary, arguments, environment: TestEnvironment.environment(variables))
    }

    /// The environment a CI job would set for `user`.
    static func ciEnvironment(_ broker: MosquittoBroker, user: String, password: String? = nil) -> [String: String?] {
        [
            "PIOCTL_BROKER": broker.url, "PIOCTL_USERNAME": user, "PIO_AUTH_TOKEN": password ?? broker.passwords[user],
            "PIOCTL_CA_FILE": broker.pki.caFile,
        ]
    }

    @Test("login stores the settings and a 0600 secret, remote commands use them, logout forgets them")
    func loginAndLogout() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let agent = try await CloudAgent.start(broker)
        defer { agent.terminate() }
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        let passwordFile = try home.write("password.txt", broker.passwords["alice"]! + "\n", mode: 0o600)
        let login = try await Self.pioctl(
            ["login", "--broker", broker.url, "--username", "alice", "--ca-file", broker.pki.caFile, "--password-stdin"],
            home: home, stdinFile: passwordFile)
        #expect(login.status == 0, "\(login)")
        let secret = home.file(".config/pioctl/secret")
        var status = stat()
        #expect(stat(secret, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        let settings = try Files.read(home.file(".config/pioctl/config.toml"))
        #expect(settings.contains("username = \"alice\""))
        #expect(!settings.contains(broker.passwords["alice"]!))

        let agents = try await Self.pioctl(["remote", "agent", "list"], home: home)
        #expect(agents.status == 0, "\(agents)")
        #expect(agents.standardOutput.contains("farm1"))
        #expect(agents.standardOutput.contains("online"))

        chmod(secret, 0o644)
        let refused = try await Self.pioctl(["remote", "agent", "list"], home: home)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("readable by others"))

        let logout = try await Self.pioctl(["logout"], home: home)
        #expect(logout.status == 0)
        #expect(access(secret, F_OK) != 0)
        let afterLogout = try await Self.pioctl(["remote", "device", "list"], home: home)
        #expect(afterLogout.status == 2)
        #expect(afterLogout.standardError.contains("not logged in"))
    }

    @Test("login with a wrong password fails, names the refusal and stores nothing")
    func loginRefused() async throws {
        let broker = try await MosquittoBroker(users: ["alice"])
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        let passwordFile = try home.write("password.txt", "wrong\n", mode: 0o600)
        let login = try await Self.pioctl(
            ["login", "--broker", broker.url, "--username", "alice", "--ca-file", broker.pki.caFile, "--password-stdin"],
            home: home, stdinFile: passwordFile)
        #expect(login.status == 3, "\(login)")
        #expect(login.standardError.contains("refused"))
        #expect(access(home.file(".config/pioctl/config.toml"), F_OK) != 0)
    }

    @Test("remote device list shows shared agents only, and a frozen agent neither delays nor hides it")
    func listingWithFrozenAgent() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "farm2", "farm3", "alice", "bob", "eve"])
        let farm1 = try await CloudAgent.start(broker, name: "farm1")
        defer { farm1.terminate() }
        let farm2 = try await CloudAgent.start(broker, name: "farm2", share: ["*"])
        defer { farm2.terminate() }
        let farm3 = try await CloudAgent.start(broker, name: "farm3", owner: "eve", share: [])
        defer { farm3.terminate() }
        farm1.send(SIGSTOP)
        defer { farm1.send(SIGCONT) }
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }

        let listing = try await Self.pioctl(
            ["remote", "device", "list", "--json", "--timeout", "3"], home: home,
            environment: Self.ciEnvironment(broker, user: "bob"))
        #expect(listing.status == 0, "\(listing)")
        // The sync marker came back: the listing ended on the broker's word, not on the deadline.
        #expect(!listing.standardError.contains("incomplete"), "\(listing)")
        struct Entry: Decodable {
            let agent: String
            let online: Bool
            let devices: [Device]
        }
        let entries = try AgentJSON.decode([Entry].self, from: Array(listing.standardOutput.utf8))
        #expect(entries.map(\.agent) == ["farm1", "farm2"])
        #expect(entries.allSatisfy { $0.online && $0.devices.map(\.id) == ["null-board"] })

        let filtered = try await Self.pioctl(
            ["remote", "-a", "farm2", "device", "list"], home: home, environment: Self.ciEnvironment(broker, user: "bob"))
        #expect(filtered.status == 0, "\(filtered)")
        #expect(filtered.standardOutput.hasPrefix("farm2 (online, 1 device)"))
        #expect(!filtered.standardOutput.contains("farm1"))

        let agents = try await Self.pioctl(
            ["remote", "agent", "list", "--json"], home: home, environment: Self.ciEnvironment(broker, user: "bob"))
        let presences = try AgentJSON.decode([Presence].self, from: Array(agents.standardOutput.utf8))
        #expect(presences.map(\.agent) == ["farm1", "farm2", "farm3"])
    }

    @Test("a wrong CI token fails with the broker's refusal and exit status 3")
    func wrongToken() async throws {
        let broker = try await MosquittoBroker(users: ["bob"])
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        let result = try await Self.pioctl(
            ["remote", "device", "list"], home: home,
            environment: Self.ciEnvironment(broker, user: "bob", password: "nope"))
        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("refused the connection"))
    }

    @Test("a broker that never answers the TCP handshake costs a listing its deadline, not more")
    func silentBroker() async throws {
        let silent = try SilentPort()
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        let result = try await Self.pioctl(
            ["remote", "device", "list", "--timeout", "1"], home: home,
            environment: [
                "PIOCTL_BROKER": "mqtt://127.0.0.1:\(silent.port)", "PIOCTL_USERNAME": "bob", "PIO_AUTH_TOKEN": "x",
            ])
        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("did not answer in time"))
    }
}
