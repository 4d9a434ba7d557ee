public import AgentCore
import TOML
#if canImport(Glibc)
import Glibc
#endif

/// Where `pioctl login` keeps its settings: `$XDG_CONFIG_HOME/pioctl` (default
/// `~/.config/pioctl`) with `config.toml` (broker, username, ca_file, prefix) and `secret`
/// (the password, mode 0600).
public struct ClientProfileStore: Sendable {
    /// The environment variables that override the stored settings (for CI).
    public enum Variable {
        /// The broker URL.
        public static let broker = "PIOCTL_BROKER"
        /// The user name.
        public static let username = "PIOCTL_USERNAME"
        /// The password or token.
        public static let token = "PIO_AUTH_TOKEN"
        /// The CA file.
        public static let caFile = "PIOCTL_CA_FILE"
    }

    /// The directory of the files.
    public let directory: String
    private let environment: @Sendable (String) -> String?

    /// The store of this user, reading overrides from `environment`.
    public init(environment: @escaping @Sendable (String) -> String? = ClientProfileStore.processEnvironment) {
        self.environment = environment
        if let configHome = environment("XDG_CONFIG_HOME"), configHome.hasPrefix("/") {
            directory = "\(configHome)/pioctl"
        } else {
            directory = "\(environment("HOME") ?? "/root")/.config/pioctl"
        }
    }

    /// The process's environment.
    public static let processEnvironment: @Sendable (String) -> String? = { name in
        getenv(name).map { String(cString: $0) }
    }

    /// The settings file.
    public var configurationFile: String { "\(directory)/config.toml" }
    /// The secret file.
    public var secretFile: String { "\(directory)/secret" }

    /// The profile in force: environment variables over the stored settings.
    ///
    /// - Throws: ``RemoteClientError`` when no broker or user is configured, a value is invalid,
    ///   or the secret file is readable by other users.
    public func load() throws(RemoteClientError) -> ClientProfile {
        let stored = try storedSettings()
        guard let brokerText = environment(Variable.broker) ?? stored["broker"], let username = environment(Variable.username) ?? stored["username"]
        else {
            throw RemoteClientError(
                .notLoggedIn,
                "not logged in: run `pioctl login --broker mqtts://HOST:8883 --username USER`, or set \(Variable.broker) and \(Variable.username)")
        }
        let broker = try Self.checkedBroker(brokerText)
        let password: String?
        if let token = environment(Variable.token) { password = token } else { password = try readSecret() }
        let prefix = stored["prefix"] ?? RemoteTopics.defaultPrefix
        guard RemoteTopics.isValidPrefix(prefix) else {
            throw RemoteClientError(.badProfile, "\(configurationFile): prefix \"\(prefix)\" is not a topic prefix like pio/v1")
        }
        return ClientProfile(
            broker: broker, username: username, password: password,
            caFile: environment(Variable.caFile) ?? stored["ca_file"], prefix: prefix)
    }

    /// A broker URL fit for a client: TLS, or plain TCP on loopback only.
    public static func checkedBroker(_ text: String) throws(RemoteClientError) -> BrokerURL {
        guard let broker = BrokerURL(text) else {
            throw RemoteClientError(.badProfile, "\(text) is not a broker URL; use mqtts://HOST[:PORT]")
        }
        guard broker.usesTLS || broker.isLoopback else {
            throw RemoteClientError(.badProfile, "\(text) would send the password in clear; use mqtts://")
        }
        return broker
    }

    /// Stores a profile: the settings in `config.toml` (0600) and the password in `secret` (0600).
    public func save(_ profile: ClientProfile) throws(RemoteClientError) {
        try makeDirectory()
        var text = "# Written by `pioctl login`; the password is in the file `secret` beside this one.\n"
        text += "broker = \(Self.quoted(profile.broker.description))\n"
        text += "username = \(Self.quoted(profile.username))\n"
        if let caFile = profile.caFile { text += "ca_file = \(Self.quoted(caFile))\n" }
        if profile.prefix != RemoteTopics.defaultPrefix { text += "prefix = \(Self.quoted(profile.prefix))\n" }
        try write(text, to: configurationFile)
        if let password = profile.password {
            try write(password + "\n", to: secretFile)
        } else {
            unlink(secretFile)
        }
    }

    /// Removes the stored settings and secret; says whether there was anything to remove.
    public func remove() -> Bool {
        let removedSecret = unlink(secretFile) == 0
        let removedSettings = unlink(configurationFile) == 0
        return removedSecret || removedSettings
    }

    private func storedSettings() throws(RemoteClientError) -> [String: String] {
        guard let text = try read(configurationFile) else { return [:] }
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw RemoteClientError(.badProfile, "\(configurationFile):\(error.location.line): \(error.message)")
        }
        var settings: [String: String] = [:]
        for (key, value) in document.root.entries {
            guard let text = value.stringValue else {
                throw RemoteClientError(.badProfile, "\(configurationFile): \(key) must be a string")
            }
            settings[key] = text
        }
        return settings
    }

    private func readSecret() throws(RemoteClientError) -> String? {
        switch SecretFile.firstLine(at: secretFile, forbiddenModeBits: 0o077) {
        case .success(let secret): return secret
        case .failure(.missing): return nil
        case .failure(.unreadable(let code)):
            throw RemoteClientError(.badProfile, "cannot read \(secretFile): \(String(cString: strerror(code)))")
        case .failure(.tooOpen(let mode)):
            throw RemoteClientError(
                .badProfile,
                "\(secretFile) is readable by others (mode \(String(mode, radix: 8))); refusing to use it: chmod 600 it, or log in again")
        }
    }

    private func read(_ path: String) throws(RemoteClientError) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw RemoteClientError(.badProfile, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= 65536 {
            let count = Glibc.read(descriptor, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func makeDirectory() throws(RemoteClientError) {
        var path = ""
        for component in directory.split(separator: "/") {
            path += "/\(component)"
            if mkdir(path, 0o700) != 0, errno != EEXIST {
                throw RemoteClientError(.badProfile, "cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes a file readable by its owner only, replacing any older one atomically.
    private func write(_ text: String, to path: String) throws(RemoteClientError) {
        let temporary = "\(path).tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw RemoteClientError(.badProfile, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        fchmod(descriptor, 0o600)
        close(descriptor)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw RemoteClientError(.badProfile, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A TOML basic string.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
