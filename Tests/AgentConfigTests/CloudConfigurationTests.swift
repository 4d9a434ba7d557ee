import AgentCore
import AgentConfig
import TestSupport
import Testing

@Suite struct CloudConfigurationTests {
    static func parse(_ text: String) throws(ConfigurationError) -> AgentConfiguration {
        try AgentConfiguration(parsing: text, file: "/etc/pio-agent/agent.toml", hostName: "farm-01")
    }

    static func failure(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func withoutCloudTheAgentIsLocalOnly() throws {
        let configuration = try Self.parse("")
        #expect(configuration.cloud == nil)
        #expect(configuration.agent.owner == nil)
        #expect(configuration.agent.share.isEmpty)
    }

    @Test func everyCloudKeyIsRead() throws {
        let configuration = try Self.parse("""
            [agent]
            owner = "alice"
            share = ["bob", "ci-bot"]

            [cloud]
            url = "mqtts://broker.example.com"
            ca_file = "/etc/pio-agent/ca.crt"
            username = "farm-01"
            password_file = "/etc/pio-agent/token"
            cert_file = "/etc/pio-agent/client.crt"
            key_file = "/etc/pio-agent/client.key"
            keepalive_s = 15
            prefix = "lab/v1"
            alpn = "x-amzn-mqtt-ca"
            trust_unenforced_acl = true
            """)
        let cloud = try #require(configuration.cloud)
        #expect(cloud.url == BrokerURL("mqtts://broker.example.com:8883"))
        #expect(cloud.caFile == "/etc/pio-agent/ca.crt")
        #expect(cloud.username == "farm-01")
        #expect(cloud.passwordFile == "/etc/pio-agent/token")
        #expect(cloud.certFile == "/etc/pio-agent/client.crt")
        #expect(cloud.keyFile == "/etc/pio-agent/client.key")
        #expect(cloud.keepaliveSeconds == 15)
        #expect(cloud.prefix == "lab/v1")
        #expect(cloud.alpn == "x-amzn-mqtt-ca")
        #expect(cloud.trustUnenforcedACL)
        #expect(!cloud.allowInsecure)
        #expect(configuration.agent.owner == "alice")
        #expect(configuration.agent.share == ["bob", "ci-bot"])
    }

    @Test func defaultsOfACloudSection() throws {
        let cloud = try #require(try Self.parse("[cloud]\nurl = \"mqtts://10.0.0.5:9883\"\n").cloud)
        #expect(cloud.url.host == "10.0.0.5")
        #expect(cloud.url.port == 9883)
        #expect(cloud.keepaliveSeconds == 30)
        #expect(cloud.prefix == "pio/v1")
        #expect(cloud.username == nil)
        #expect(cloud.caFile == nil)
    }

    @Test func plainMQTTOnlyToLoopbackOrWhenAllowed() throws {
        #expect(try Self.parse("[cloud]\nurl = \"mqtt://127.0.0.1\"\n").cloud?.url.port == 1883)
        #expect(try Self.parse("[cloud]\nurl = \"mqtt://localhost:1884\"\n").cloud?.url.usesTLS == false)
        let refused = Self.failure("[cloud]\nurl = \"mqtt://broker.example.com\"\n")
        #expect(refused == "/etc/pio-agent/agent.toml:2: cloud.url: plain mqtt:// would send the password in clear; use mqtts://, or set allow_insecure = true")
        #expect(try Self.parse("[cloud]\nurl = \"mqtt://broker.example.com\"\nallow_insecure = true\n").cloud?.allowInsecure == true)
        // A host name that merely starts with 127. is not loopback.
        #expect(Self.failure("[cloud]\nurl = \"mqtt://127.example.com\"\n") != nil)
    }

    @Test(arguments: [
        ("[cloud]\nca_file = \"/x\"\n", "needs url"),
        ("[cloud]\nurl = \"https://broker\"\n", "must be mqtts://"),
        ("[cloud]\nurl = \"mqtts://broker:0\"\n", "must be mqtts://"),
        ("[cloud]\nurl = \"mqtts://broker:99999\"\n", "must be mqtts://"),
        ("[cloud]\nurl = \"mqtts://broker\"\ncert_file = \"/c\"\n", "needs both cert_file and key_file"),
        ("[cloud]\nurl = \"mqtts://broker\"\nkeepalive_s = 2\n", "5 to 3600"),
        ("[cloud]\nurl = \"mqtts://broker\"\nprefix = \"pio/#\"\n", "topic levels"),
        ("[cloud]\nurl = \"mqtts://broker\"\nprefix = \"a/b/c\"\n", "topic levels"),
        ("[cloud]\nurl = \"mqtts://broker\"\nca_file = \"relative.pem\"\n", "absolute path"),
        ("[cloud]\nurl = \"mqtts://broker\"\npasword_file = \"/x\"\n", "unknown key"),
        ("[cloud]\nurl = \"mqtt://127.0.0.1\"\nca_file = \"/x\"\n", "TLS setting"),
        ("[agent]\nowner = \"alice smith\"\n", "broker user name"),
        ("[agent]\nshare = [\"bob\", \"\"]\n", "broker user names"),
        ("[agent]\nshare = \"bob\"\n", "array of strings"),
    ])
    func badValuesAreRefusedWithTheirLine(text: String, fragment: String) {
        let message = Self.failure(text)
        #expect(message?.contains(fragment) == true, "\(message ?? "accepted")")
        #expect(message?.hasPrefix("/etc/pio-agent/agent.toml:") == true)
    }

    @Test func shareWithEveryone() throws {
        #expect(try Self.parse("[agent]\nshare = [\"*\"]\n").agent.share == ["*"])
    }
}

@Suite struct CloudSecretTests {
    @Test func thePasswordIsTheFirstLineOfAPrivateFile() throws {
        try TemporaryDirectory.with(prefix: "cloud-secret") { directory in
            let file = try directory.write("token", "s3cret\nignored\n", mode: 0o600)
            var cloud = AgentConfiguration.Cloud(url: BrokerURL("mqtts://broker")!)
            cloud.passwordFile = file
            #expect(try cloud.password { _ in "from-environment" } == "s3cret")
        }
    }

    @Test func aFileOpenToOthersIsRefused() throws {
        try TemporaryDirectory.with(prefix: "cloud-secret") { directory in
            let file = try directory.write("token", "s3cret\n", mode: 0o644)
            var cloud = AgentConfiguration.Cloud(url: BrokerURL("mqtts://broker")!)
            cloud.passwordFile = file
            #expect(throws: ConfigurationError.self) { try cloud.password { _ in nil } }
            let empty = try directory.write("empty", "\n", mode: 0o600)
            cloud.passwordFile = empty
            #expect(throws: ConfigurationError.self) { try cloud.password { _ in nil } }
        }
    }

    @Test func withoutAFileTheEnvironmentTokenIsUsed() throws {
        let cloud = AgentConfiguration.Cloud(url: BrokerURL("mqtts://broker")!)
        #expect(try cloud.password { $0 == "PIO_AGENT_TOKEN" ? "env-token" : nil } == "env-token")
        #expect(try cloud.password { _ in nil } == nil)
    }
}

@Suite struct ShippedConfigurationTests {
    @Test func theExampleConfigurationParsesToTheDefaults() throws {
        let configuration = try AgentConfiguration(
            parsing: try PackageFiles.read("deploy/agent.toml"), file: "agent.toml", hostName: "farm-01")
        #expect(configuration.cloud == nil)
        #expect(configuration == AgentConfiguration(hostName: "farm-01").withFile("agent.toml"))
    }

    @Test func theDevelopmentConfigurationLinksToTheDevelopmentBroker() throws {
        let text = try PackageFiles.read("deploy/agent.dev.toml")
            .replacing("@RUNDIR@", with: "/work/.run").replacing("@PORT@", with: "18883")
        let configuration = try AgentConfiguration(parsing: text, file: "agent.toml", hostName: "farm-01")
        #expect(configuration.agent.name == "dev-agent")
        #expect(configuration.agent.owner == "dev")
        #expect(configuration.cloud?.url == BrokerURL("mqtts://127.0.0.1:18883"))
        #expect(configuration.cloud?.passwordFile == "/work/.run/broker/dev-agent.password")
    }
}

extension AgentConfiguration {
    fileprivate func withFile(_ file: String) -> AgentConfiguration {
        var copy = self
        copy.file = file
        return copy
    }
}

@Suite struct MDNSConfigurationTests {
    @Test func mdnsIsOnByDefaultForTheUsualOTAServices() throws {
        let configuration = try AgentConfiguration(parsing: "", file: nil, hostName: "farm-01")
        #expect(configuration.mdns.enabled)
        #expect(configuration.mdns.services == ["_arduino._tcp", "_esphomelib._tcp", "_wled._tcp"])
        #expect(configuration.mdns.interfaces.isEmpty)
    }

    @Test func everyMDNSKeyIsRead() throws {
        let configuration = try AgentConfiguration(
            parsing: "[mdns]\nenabled = false\nservices = [\"_arduino._tcp\", \"_http._tcp\"]\ninterfaces = [\"eth1\"]\n",
            file: nil, hostName: "farm-01")
        #expect(!configuration.mdns.enabled)
        #expect(configuration.mdns.services == ["_arduino._tcp", "_http._tcp"])
        #expect(configuration.mdns.interfaces == ["eth1"])
    }

    @Test(arguments: [
        ("[mdns]\nservices = [\"arduino\"]\n", "DNS-SD service types"),
        ("[mdns]\nservices = [\"_arduino._sctp\"]\n", "DNS-SD service types"),
        ("[mdns]\ninterfaces = [\"\"]\n", "interface names"),
        ("[mdns]\nenable = true\n", "unknown key"),
    ])
    func badMDNSValuesAreRefused(text: String, fragment: String) {
        do {
            _ = try AgentConfiguration(parsing: text, file: "agent.toml", hostName: "farm-01")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }
}
