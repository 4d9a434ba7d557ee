import AgentCore
import NIOCore
import NIOHTTP1

extension ControlRouter {
    /// The `Upgrade` protocol of `POST /v1/sessions/monitor`: the serial port's raw bytes.
    static var upgradeProtocol: String { "pio-serial" }

    /// `POST /v1/sessions/monitor`, `GET /v1/sessions/{id}` and `POST /v1/sessions/{id}/control`.
    func sessionReply(to request: ControlRequest, route: Route, peer: ControlPeer?) async throws(ControlAPIError)
        -> ControlReply
    {
        switch route {
        case .monitor:
            guard request.upgrade == Self.upgradeProtocol else {
                throw ControlAPIError(
                    status: .upgradeRequired, code: "upgrade_required",
                    message: "\(request.path) opens a raw serial stream: send Connection: Upgrade and Upgrade: \(Self.upgradeProtocol)")
            }
            return .upgrade(try await backend.openMonitor(try Self.parameters(in: request), for: try Self.known(peer)))
        case .sessionControl:
            let settings = try await backend.controlSession(
                request.segments[2], params: try Self.parameters(in: request), for: try Self.known(peer))
            return .response(.json(settings))
        default:
            return .response(.json(try await backend.session(request.segments[2])))
        }
    }

    /// The JSON object of the request's body; an empty body is an empty object.
    static func parameters(in request: ControlRequest) throws(ControlAPIError) -> [String: JSONValue] {
        guard let body = request.body, body.readableBytes > 0 else { return [:] }
        do {
            return try AgentJSON.decode([String: JSONValue].self, from: body.readableBytesView)
        } catch {
            throw .badRequest("the body must be a JSON object like {\"port\": \"ttyUSB0\", \"baud\": 115200}: \(error)")
        }
    }

    /// Sessions belong to a user: a connection whose peer the socket cannot name may not open one.
    private static func known(_ peer: ControlPeer?) throws(ControlAPIError) -> ControlPeer {
        guard let peer else {
            throw ControlAPIError(
                status: .forbidden, code: "forbidden", message: "the control socket cannot tell who is connecting (SO_PEERCRED)")
        }
        return peer
    }
}
