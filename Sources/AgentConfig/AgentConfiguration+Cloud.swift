import AgentCore
import TOML

extension AgentConfiguration {
    /// Reads and checks `[cloud]`.
    static func cloud(_ section: inout TableReader) throws(ConfigurationError) -> Cloud {
        guard let text = try section.string("url") else {
            throw section.error(nil, "needs url = \"mqtts://broker.example.com:8883\" (remove [cloud] to run local-only)")
        }
        guard let url = BrokerURL(text) else {
            throw section.error("url", "must be mqtts://host[:port] (or mqtt://host[:port] on loopback)")
        }
        var cloud = Cloud(url: url)
        cloud.allowInsecure = try section.bool("allow_insecure") ?? false
        if !url.usesTLS && !url.isLoopback && !cloud.allowInsecure {
            throw section.error(
                "url", "plain mqtt:// would send the password in clear; use mqtts://, or set allow_insecure = true")
        }
        cloud.caFile = try section.path("ca_file")
        cloud.passwordFile = try section.path("password_file")
        cloud.certFile = try section.path("cert_file")
        cloud.keyFile = try section.path("key_file")
        guard (cloud.certFile == nil) == (cloud.keyFile == nil) else {
            throw section.error(cloud.certFile == nil ? "key_file" : "cert_file", "mutual TLS needs both cert_file and key_file")
        }
        if !url.usesTLS, let key = ["ca_file", "cert_file", "key_file"].first(where: { section.table[$0] != nil }) {
            throw section.error(key, "is a TLS setting, but url is plain mqtt://")
        }
        if let username = try section.string("username") {
            guard !username.isEmpty, username.utf8.count <= 256 else {
                throw section.error("username", "must be 1 to 256 bytes")
            }
            cloud.username = username
        }
        if let seconds = try section.integer("keepalive_s") {
            guard (5...3600).contains(seconds) else { throw section.error("keepalive_s", "must be 5 to 3600 seconds") }
            cloud.keepaliveSeconds = Int(seconds)
        }
        if let prefix = try section.string("prefix") {
            guard RemoteTopics.isValidPrefix(prefix) else {
                throw section.error("prefix", "must be 1 or 2 topic levels without wildcards, such as \"pio/v1\"")
            }
            cloud.prefix = prefix
        }
        if let alpn = try section.string("alpn") {
            guard !alpn.isEmpty, alpn.utf8.count <= 255 else { throw section.error("alpn", "must be 1 to 255 bytes") }
            cloud.alpn = alpn
        }
        cloud.trustUnenforcedACL = try section.bool("trust_unenforced_acl") ?? false
        if let seconds = try section.integer("session_grace_s") {
            guard (1...86_400).contains(seconds) else { throw section.error("session_grace_s", "must be 1 to 86400 seconds") }
            cloud.sessionGraceSeconds = Int(seconds)
        }
        try section.rejectUnknownKeys(known: [
            "url", "ca_file", "username", "password_file", "cert_file", "key_file", "keepalive_s", "prefix", "alpn",
            "allow_insecure", "trust_unenforced_acl", "session_grace_s",
        ])
        return cloud
    }
}
