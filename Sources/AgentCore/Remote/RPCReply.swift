/// A reply on `P/agents/A/for/U/reply`: `{"ok": true, "result": ...}` or
/// `{"ok": false, "error": {"code": "...", "message": "..."}}`.
public enum RPCReply<Result: Sendable & Codable>: Sendable, Codable {
    /// The method succeeded.
    case success(Result)
    /// The method failed.
    case failure(RPCFailure)

    private enum CodingKeys: String, CodingKey { case ok, result, error }

    /// Decodes either shape.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if try container.decode(Bool.self, forKey: .ok) {
            self = .success(try container.decode(Result.self, forKey: .result))
        } else {
            self = .failure(try container.decode(RPCFailure.self, forKey: .error))
        }
    }

    /// Encodes either shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .success(let result):
            try container.encode(true, forKey: .ok)
            try container.encode(result, forKey: .result)
        case .failure(let failure):
            try container.encode(false, forKey: .ok)
            try container.encode(failure, forKey: .error)
        }
    }
}
