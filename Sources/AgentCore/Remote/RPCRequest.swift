/// A request on `P/agents/A/rpc/U`: `{"method": "...", "params": {...}}`.
public struct RPCRequest: Sendable, Hashable, Codable {
    /// The largest request payload an agent accepts: 1 MiB.
    public static let maximumPayloadBytes = 1 << 20

    /// The method's name, such as `device.list`.
    public var method: String
    /// The parameters (an object; empty when the request has none).
    public var params: [String: JSONValue]

    /// Creates a request.
    public init(method: String, params: [String: JSONValue] = [:]) {
        self.method = method
        self.params = params
    }

    /// Parses a request payload.
    ///
    /// - Throws: ``RPCFailure`` with ``RPCErrorCode/payloadTooLarge`` or
    ///   ``RPCErrorCode/badRequest``, saying what is wrong.
    public init(payload: [UInt8]) throws(RPCFailure) {
        guard payload.count <= Self.maximumPayloadBytes else {
            throw RPCFailure(.payloadTooLarge, "the request has \(payload.count) bytes; the limit is \(Self.maximumPayloadBytes)")
        }
        let value: JSONValue
        do {
            value = try AgentJSON.decode(JSONValue.self, from: payload)
        } catch {
            throw RPCFailure(.badRequest, "the request is not valid JSON")
        }
        guard case .object(let fields) = value else {
            throw RPCFailure(.badRequest, "the request must be a JSON object with \"method\" and \"params\"")
        }
        guard case .string(let method)? = fields["method"], !method.isEmpty else {
            throw RPCFailure(.badRequest, "the request needs \"method\", a non-empty string")
        }
        switch fields["params"] {
        case nil, .null?: params = [:]
        case .object(let params)?: self.params = params
        default: throw RPCFailure(.badRequest, "\"params\" must be a JSON object")
        }
        self.method = method
    }
}
