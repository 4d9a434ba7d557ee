/// A failed request: the code and message of an error reply.
public struct RPCFailure: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The machine-readable code.
    public var code: RPCErrorCode
    /// What happened, for people.
    public var message: String

    /// Creates a failure.
    public init(_ code: RPCErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
