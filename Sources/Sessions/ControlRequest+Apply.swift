import AgentCore
import Serial

extension ControlRequest {
    /// Makes the changes the request asks of `port`; returns the settings in force after them and
    /// the modem lines where the port has them.
    ///
    /// - Throws: `invalid_params` for bad settings, `device_error` when the port refuses.
    func apply(to port: SerialPort) async throws(RPCFailure) -> LineStatus {
        do {
            if !settings.isEmpty {
                let current = try port.settings
                var merged = try AgentJSON.decode([String: JSONValue].self, from: AgentJSON.encode(current))
                merged.merge(settings) { $1 }
                try port.apply(try MonitorRequest.settings(from: merged))
            }
            if let dtr { try port.setDTR(dtr) }
            if let rts { try port.setRTS(rts) }
            if let purge { try port.purge(purge) }
            if let breakDuration { try await port.sendBreak(duration: breakDuration) }
            if let reset { try await port.reset(reset) }
            return LineStatus(settings: try port.settings, modem: try? port.modemLines)
        } catch let failure as RPCFailure {
            throw failure
        } catch {
            throw RPCFailure(.deviceError, "\(error)")
        }
    }
}
