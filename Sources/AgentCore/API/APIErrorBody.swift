/// The JSON body of every control API error: `{"error": {"code": "not_found", "message": "…"}}`.
public struct APIErrorBody: Sendable, Hashable, Codable {
    /// A machine-readable code and a human message.
    public struct Detail: Sendable, Hashable, Codable {
        /// A stable snake_case code, such as `not_found`, `bad_request`, `payload_too_large`.
        public var code: String
        /// What happened and what to do, for people.
        public var message: String

        /// Creates an error detail.
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// The error.
    public var error: Detail

    /// Creates an error body.
    public init(code: String, message: String) {
        self.error = Detail(code: code, message: message)
    }
}
