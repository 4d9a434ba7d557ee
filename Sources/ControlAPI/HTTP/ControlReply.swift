import AgentCore
import Inventory
import NIOHTTP1

/// What a route answers: a complete response, or a stream of inventory events.
enum ControlReply: Sendable {
    /// A complete response with a body.
    case response(ControlResponse)
    /// `GET /v1/events`: newline-delimited JSON, held open.
    case eventStream(InventorySubscription)
    /// `POST /v1/sessions/monitor`: `101 Switching Protocols`, then the stream's raw bytes.
    case upgrade(any ControlStream)
}

/// A complete response.
struct ControlResponse: Sendable {
    var status: HTTPResponseStatus
    var contentType: String
    var body: [UInt8]
    var headers: [(String, String)] = []

    /// A JSON response.
    static func json(_ value: some Encodable, status: HTTPResponseStatus = .ok) -> ControlResponse {
        do {
            var body = try AgentJSON.encode(value)
            body.append(UInt8(ascii: "\n"))
            return ControlResponse(status: status, contentType: "application/json", body: body)
        } catch {
            return .error(ControlAPIError(
                status: .internalServerError, code: "internal", message: "cannot encode the response: \(error)"))
        }
    }

    /// The JSON error body for `error`, with an `Allow` header for 405 and an `Upgrade` header for 426.
    static func error(_ error: ControlAPIError, allow: [HTTPMethod] = [], upgrade: String? = nil) -> ControlResponse {
        let body = APIErrorBody(code: error.code, message: error.message)
        var bodyBytes = (try? AgentJSON.encode(body)) ?? Array(#"{"error":{"code":"internal","message":""}}"#.utf8)
        bodyBytes.append(UInt8(ascii: "\n"))
        var response = ControlResponse(status: error.status, contentType: "application/json", body: bodyBytes)
        if !allow.isEmpty { response.headers.append(("allow", allow.map(\.rawValue).joined(separator: ", "))) }
        if let upgrade, error.status == .upgradeRequired { response.headers.append(("upgrade", upgrade)) }
        return response
    }
}
