import Glibc

/// Development certificates made once per test process with the shipped
/// `deploy/mosquitto/dev-pki.sh`: a CA with a server certificate for 127.0.0.1, and a second,
/// unrelated CA whose clients must be refused.
public struct BrokerPKI: Sendable {
    /// The directory of the trusted CA and the server certificate.
    public let directory: String
    /// The directory of the unrelated CA.
    public let strangerDirectory: String

    /// The trusted CA certificate.
    public var caFile: String { "\(directory)/ca.crt" }
    /// The unrelated CA's certificate.
    public var strangerCAFile: String { "\(strangerDirectory)/ca.crt" }

    /// Where the process's certificates are, once made; written once, before `atexit` reads it.
    nonisolated(unsafe) private static var madeRoot: String?

    /// The process's certificates, made on first use.
    public static func shared() throws -> BrokerPKI { try made.get() }

    private static let made: Result<BrokerPKI, any Error> = Result {
        let root = try TemporaryDirectory(prefix: "pio-broker-pki")
        // Every broker of the process uses it: it goes when the process exits.
        madeRoot = root.path
        atexit { BrokerPKI.madeRoot.map(Files.removeTree) }
        let script = PackageFiles.path("deploy/mosquitto/dev-pki.sh")
        for directory in [root.file("trusted"), root.file("stranger")] {
            let result = try ChildProcess.run(script, [directory, "127.0.0.1"])
            guard result.status == 0 else { throw TestFailure("dev-pki.sh failed: \(result)") }
        }
        return BrokerPKI(directory: root.file("trusted"), strangerDirectory: root.file("stranger"))
    }
}
