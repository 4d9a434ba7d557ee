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
        let key = "cloud.password_file"
        let descriptor = open(passwordFile, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ConfigurationError(
                file: nil, line: nil, key: key, message: "cannot read \(passwordFile): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ConfigurationError(file: nil, line: nil, key: key, message: "cannot stat \(passwordFile)")
        }
        guard status.st_mode & 0o007 == 0 else {
            throw ConfigurationError(
                file: nil, line: nil, key: key,
                message: "\(passwordFile) is open to other users (mode \(String(status.st_mode & 0o777, radix: 8))); chmod o-rwx it")
        }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &bytes, bytes.count)
        guard count >= 0 else {
            throw ConfigurationError(
                file: nil, line: nil, key: key, message: "cannot read \(passwordFile): \(String(cString: strerror(errno)))")
        }
        let firstLine = bytes[..<count].prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard !firstLine.isEmpty, let secret = String(validating: firstLine, as: UTF8.self) else {
            throw ConfigurationError(file: nil, line: nil, key: key, message: "\(passwordFile) holds no password on its first line")
        }
        return secret
    }
}
