public import NIOHTTP1

/// An error the control API answers with: an HTTP status and a JSON body
/// `{"error": {"code", "message"}}`.
public struct ControlAPIError: Error, Sendable, Hashable {
    /// The HTTP status.
    public var status: HTTPResponseStatus
    /// A stable snake_case code.
    public var code: String
    /// What happened and what to do.
    public var message: String

    /// Creates an error.
    public init(status: HTTPResponseStatus, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// 400: the request could not be understood.
    public static func badRequest(_ message: String) -> ControlAPIError {
        ControlAPIError(status: .badRequest, code: "bad_request", message: message)
    }

    /// 404: no such path or device.
    public static func notFound(_ message: String) -> ControlAPIError {
        ControlAPIError(status: .notFound, code: "not_found", message: message)
    }

    /// 405: the path exists but not for this method.
    public static func methodNotAllowed(_ method: HTTPMethod, path: String, allowed: [HTTPMethod]) -> ControlAPIError {
        let names = allowed.map(\.rawValue).joined(separator: ", ")
        return ControlAPIError(
            status: .methodNotAllowed, code: "method_not_allowed", message: "\(path) accepts \(names), not \(method.rawValue)")
    }

    /// 413: the body is larger than the API accepts.
    public static func payloadTooLarge(limit: Int) -> ControlAPIError {
        ControlAPIError(
            status: .payloadTooLarge, code: "payload_too_large",
            message: "request body exceeds \(limit) bytes; the control API takes small JSON bodies only")
    }

    /// 503: the daemon cannot serve the request now.
    public static func unavailable(_ message: String) -> ControlAPIError {
        ControlAPIError(status: .serviceUnavailable, code: "unavailable", message: message)
    }

    /// 408: the request did not arrive in time.
    public static func requestTimeout(milliseconds: Int64) -> ControlAPIError {
        let limit = milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
        return ControlAPIError(
            status: .requestTimeout, code: "request_timeout", message: "the request did not arrive whole within \(limit)")
    }
}
