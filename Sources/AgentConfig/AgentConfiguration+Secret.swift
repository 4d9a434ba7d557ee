import AgentCore
#if canImport(Glibc)
import Glibc
#endif

extension AgentConfiguration.Cloud {
    /// The environment variable that holds the broker password when `password_file` is not set.
    public static let tokenVariable = "PIO_AGENT_TOKEN"

    /// The broker password: the first line of `password_file`, else `$PIO_AGENT_TOKEN`, else nil.
    ///
    /// - Throws: ``ConfigurationError`` when the file cannot be read, is empty, or is open to
    ///   other users (mode bits for others set): a secret must not be readable by everyone.
    public func password() throws(ConfigurationError) -> String? {
        try password { getenv($0).map { String(cString: $0) } }
    }

    /// ``password()`` with `environment` in place of the process's environment.
    public func password(environment: (String) -> String?) throws(ConfigurationError) -> String? {
        guard let passwordFile else { return environment(Self.tokenVariable) }
        let message: String
        switch SecretFile.firstLine(at: passwordFile, forbiddenModeBits: 0o007) {
        case .success(let secret?): return secret
        case .success(nil): message = "\(passwordFile) holds no password on its first line"
        case .failure(.missing): message = "cannot read \(passwordFile): \(String(cString: strerror(ENOENT)))"
        case .failure(.unreadable(let code)): message = "cannot read \(passwordFile): \(String(cString: strerror(code)))"
        case .failure(.tooOpen(let mode)):
            message = "\(passwordFile) is open to other users (mode \(String(mode, radix: 8))); chmod o-rwx it"
        }
        throw ConfigurationError(file: nil, line: nil, key: "cloud.password_file", message: message)
    }
}
