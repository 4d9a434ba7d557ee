public import AgentCore
public import Serial

/// The parameters of `device.monitor.open` (docs/protocol.md §7): the port, its line settings,
/// and the modem lines to set once it is open (left as they are when absent).
public struct MonitorRequest: Sendable, Hashable {
    /// A device id, a device path or a `/dev/serial/by-id` link.
    public var port: String
    /// The line settings.
    public var settings: SerialSettings
    /// DTR to set after opening, or nil to leave it.
    public var dtr: Bool?
    /// RTS to set after opening, or nil to leave it.
    public var rts: Bool?
    /// Whether the session reports changes of the modem lines as `modem` events (`modem_events`).
    public var watchModem: Bool

    /// A request.
    public init(
        port: String, settings: SerialSettings = .default, dtr: Bool? = nil, rts: Bool? = nil, watchModem: Bool = false
    ) {
        self.port = port
        self.settings = settings
        self.dtr = dtr
        self.rts = rts
        self.watchModem = watchModem
    }

    /// Reads the request's parameters.
    ///
    /// - Throws: `invalid_params` naming what is wrong.
    public init(params: [String: JSONValue]) throws(RPCFailure) {
        guard case .string(let port)? = params["port"], !port.isEmpty else {
            throw RPCFailure(.invalidParams, "device.monitor.open needs \"port\": a device id, path or /dev/serial/by-id link")
        }
        self.port = port
        settings = try Self.settings(from: params)
        dtr = try Self.line("dtr", in: params)
        rts = try Self.line("rts", in: params)
        switch params["modem_events"] {
        case nil, .null?: watchModem = false
        case .bool(let value)?: watchModem = value
        default: throw RPCFailure(.invalidParams, "\"modem_events\" must be true or false")
        }
    }

    /// The line settings among `params` (the other keys are ignored).
    static func settings(from params: [String: JSONValue]) throws(RPCFailure) -> SerialSettings {
        let keys: Set = ["baud", "bytesize", "parity", "stopbits", "rtscts", "xonxoff"]
        let fields = params.filter { keys.contains($0.key) }
        do {
            return try AgentJSON.decode(SerialSettings.self, from: AgentJSON.encode(JSONValue.object(fields)))
        } catch let error as SerialSettingsError {
            throw RPCFailure(.invalidParams, "\(error)")
        } catch {
            throw RPCFailure(
                .invalidParams,
                "line settings have the wrong types: baud and bytesize are integers, parity one of N E O M S, stopbits 1, 1.5 or 2, rtscts and xonxoff booleans")
        }
    }

    /// A modem line parameter: a boolean, or 0 or 1.
    static func line(_ name: String, in params: [String: JSONValue]) throws(RPCFailure) -> Bool? {
        switch params[name] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case .number(let value)? where value == 0 || value == 1: return value == 1
        default: throw RPCFailure(.invalidParams, "\"\(name)\" must be true, false, 0 or 1")
        }
    }
}
