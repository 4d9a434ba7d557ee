#if canImport(Glibc)
import Glibc
#endif

extension AgentConfiguration {
    /// The configuration file read when `--config` is not given.
    public static let defaultPath = "/etc/pio-agent/agent.toml"

    /// The largest configuration file read.
    static let maxFileBytes = 1 << 20

    /// Loads the configuration from `path`, or from ``defaultPath`` when `path` is nil.
    ///
    /// A missing default file means the built-in defaults; an explicit path that is missing is
    /// an error, as is any problem in the file.
    public static func load(path: String?, hostName: String = HostName.current()) throws(ConfigurationError)
        -> AgentConfiguration
    {
        let file = path ?? defaultPath
        let text: String
        switch readFile(file) {
        case .success(let contents):
            text = contents
        case .failure(let error) where error.code == ENOENT && path == nil:
            return AgentConfiguration(hostName: hostName)
        case .failure(let error) where error.code == EFBIG:
            throw ConfigurationError(file: file, line: nil, key: nil, message: "larger than 1 MiB; is this the right file?")
        case .failure(let error) where error.code == EILSEQ:
            throw ConfigurationError(file: file, line: nil, key: nil, message: "not UTF-8 text")
        case .failure(let error):
            throw ConfigurationError(
                file: file, line: nil, key: nil, message: "cannot read it: \(String(cString: strerror(error.code)))")
        }
        return try AgentConfiguration(parsing: text, file: file, hostName: hostName)
    }

    /// The file's text, or the errno of what went wrong (`EFBIG` when too large, `EILSEQ` when not UTF-8).
    private static func readFile(_ path: String) -> Result<String, Errno> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Errno(errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Errno(errno))
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            if bytes.count > maxFileBytes { return .failure(Errno(EFBIG)) }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(Errno(EILSEQ)) }
        return .success(text)
    }
}

/// An `errno` value as an `Error`, for `Result`.
struct Errno: Error, Equatable {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
