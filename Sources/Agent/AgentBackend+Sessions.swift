import AgentCore
import AsyncPrimitives
import ControlAPI
import NIOHTTP1
import Sessions

extension AgentBackend {
    func session(_ id: String) async throws(ControlAPIError) -> SessionSummary {
        guard let session = SessionID(id) else {
            throw ControlAPIError(status: .notFound, code: "unknown_session", message: "no session \(id): an id is 16 hex digits")
        }
        if let reason = sessions.localEndReason(session) {
            throw ControlAPIError(status: .gone, code: "session_ended", message: reason)
        }
        guard let summary = sessions.summary(of: session) else {
            throw ControlAPIError(status: .notFound, code: "unknown_session", message: "no open session \(id); GET /v1/sessions lists them")
        }
        return summary
    }

    func openMonitor(_ params: [String: JSONValue], for peer: ControlPeer) async throws(ControlAPIError)
        -> any ControlStream
    {
        await inventoryReady.wait()
        do {
            let session = try await sessions.openLocalMonitor(try MonitorRequest(params: params), for: peer.sessionUser)
            return LocalMonitorStream(session: session, manager: sessions)
        } catch {
            throw Self.apiError(error)
        }
    }

    func controlSession(_ id: String, params: [String: JSONValue], for peer: ControlPeer) async throws(ControlAPIError)
        -> JSONValue
    {
        var params = params
        params["session"] = .string(id)
        do {
            let settings = try await sessions.controlLocal(try ControlRequest(params: params), from: peer.sessionUser)
            return try JSONValue(encoding: settings)
        } catch let failure as RPCFailure {
            throw Self.apiError(failure)
        } catch {
            throw ControlAPIError(status: .internalServerError, code: "internal", message: "cannot encode the settings: \(error)")
        }
    }

    /// The control API's answer for a session failure: its RPC code, with the HTTP status that fits.
    static func apiError(_ failure: RPCFailure) -> ControlAPIError {
        let status: HTTPResponseStatus =
            switch failure.code {
            case .invalidParams, .badRequest: .badRequest
            case .unknownPort, .unknownSession: .notFound
            case .portBusy: .conflict
            case .deviceError: .badGateway
            case .forbidden: .forbidden
            default: .internalServerError
            }
        return ControlAPIError(status: status, code: failure.code.rawValue, message: failure.message)
    }
}
