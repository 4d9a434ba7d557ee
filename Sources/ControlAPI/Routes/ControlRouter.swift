import AgentCore
import NIOCore
import NIOHTTP1

/// Maps requests to the backend. Every path lives here, so the API's whole surface reads at once.
struct ControlRouter<Backend: ControlAPIBackend>: Sendable {
    let backend: Backend

    /// The route a request matched, as a low-cardinality label for metrics and logs.
    enum Route: String, Sendable {
        case status = "/v1/status"
        case devices = "/v1/devices"
        case device = "/v1/devices/{id}"
        case reannounce = "/v1/reannounce"
        case events = "/v1/events"
        case sessions = "/v1/sessions"
        case monitor = "/v1/sessions/monitor"
        case session = "/v1/sessions/{id}"
        case sessionControl = "/v1/sessions/{id}/control"
        case metrics = "/metrics"
        case unknown = "other"

        init(segments: [String]) {
            switch segments {
            case ["v1", "status"]: self = .status
            case ["v1", "devices"]: self = .devices
            case let path where path.count == 3 && path[0] == "v1" && path[1] == "devices": self = .device
            case ["v1", "reannounce"]: self = .reannounce
            case ["v1", "events"]: self = .events
            case ["v1", "sessions"]: self = .sessions
            case ["v1", "sessions", "monitor"]: self = .monitor
            case let path where path.count == 3 && path[0] == "v1" && path[1] == "sessions": self = .session
            case let path where path.count == 4 && path[0] == "v1" && path[1] == "sessions" && path[3] == "control":
                self = .sessionControl
            case ["metrics"]: self = .metrics
            default: self = .unknown
            }
        }

        var allowedMethods: [HTTPMethod] {
            switch self {
            case .reannounce, .monitor, .sessionControl: [.POST]
            case .unknown: []
            default: [.GET]
            }
        }
    }

    /// The answer to `request`, which matched `route`, from `peer` (nil when the socket cannot tell).
    func reply(to request: ControlRequest, route: Route, peer: ControlPeer?) async -> ControlReply {
        guard route != .unknown else {
            return .response(.error(.notFound("no such endpoint: \(request.path); see docs/control-api.md")))
        }
        guard route.allowedMethods.contains(request.method) else {
            return .response(
                .error(.methodNotAllowed(request.method, path: request.path, allowed: route.allowedMethods),
                       allow: route.allowedMethods))
        }
        switch route {
        case .status:
            return .response(.json(await backend.status()))
        case .devices:
            return .response(.json(await backend.deviceList()))
        case .device:
            let name = request.segments[2]
            guard let device = await backend.device(named: name) else {
                return .response(.error(.notFound("no device \(name); `pioctl devices` lists them")))
            }
            return .response(.json(device))
        case .reannounce:
            return await reannounce(request)
        case .events:
            return .eventStream(await backend.subscribe())
        case .sessions:
            return .response(.json(await backend.sessions()))
        case .monitor, .session, .sessionControl:
            do {
                return try await sessionReply(to: request, route: route, peer: peer)
            } catch {
                return .response(.error(error, upgrade: route == .monitor ? Self.upgradeProtocol : nil))
            }
        case .metrics:
            return .response(ControlResponse(
                status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: await backend.metricsText()))
        case .unknown:
            return .response(.error(.notFound("no such endpoint: \(request.path)")))
        }
    }

    /// `POST /v1/reannounce[?device=NAME]`, or a JSON body `{"device": "NAME"}`.
    private func reannounce(_ request: ControlRequest) async -> ControlReply {
        var device = request.query["device"]
        if let body = request.body, body.readableBytes > 0 {
            do {
                let parameters = try AgentJSON.decode(ReannounceParameters.self, from: body.readableBytesView)
                device = parameters.device ?? device
            } catch {
                return .response(.error(.badRequest(
                    "the body must be a JSON object like {\"device\": \"ttyUSB0\"} or empty: \(error)")))
            }
        }
        if let name = device, name.isEmpty || name.utf8.count > 255 {
            return .response(.error(.badRequest("device must be a kernel name, port or id of 1 to 255 bytes")))
        }
        do {
            return .response(.json(try await backend.reannounce(device: device)))
        } catch {
            return .response(.error(error))
        }
    }

    private struct ReannounceParameters: Decodable {
        var device: String?
    }
}
