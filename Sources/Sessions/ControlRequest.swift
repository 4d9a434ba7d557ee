public import AgentCore
public import Serial

/// The parameters of `device.control`: the session, and what to change on its port mid-session.
public struct ControlRequest: Sendable {
    /// The session whose port changes.
    public var session: SessionID
    /// Line settings named in the request (the others stay as they are), or nil for none.
    public var settings: [String: JSONValue]
    /// DTR to set, or nil.
    public var dtr: Bool?
    /// RTS to set, or nil.
    public var rts: Bool?
    /// A break of this length to send, or nil.
    public var breakDuration: Duration?
    /// Queues to discard: `input`, `output` or `both`, or nil.
    public var purge: SerialPurge?
    /// A reset pulse sequence to run (`classic` or `esp`), or nil.
    public var reset: SerialResetStyle?

    /// Reads the request's parameters.
    ///
    /// - Throws: `invalid_params` naming what is wrong.
    public init(params: [String: JSONValue]) throws(RPCFailure) {
        guard case .string(let text)? = params["session"], let session = SessionID(text) else {
            throw RPCFailure(.invalidParams, "device.control needs \"session\": the id device.monitor.open returned")
        }
        self.session = session
        let keys: Set = ["baud", "bytesize", "parity", "stopbits", "rtscts", "xonxoff"]
        settings = params.filter { keys.contains($0.key) }
        dtr = try MonitorRequest.line("dtr", in: params)
        rts = try MonitorRequest.line("rts", in: params)
        switch params["break_ms"] {
        case nil, .null?: breakDuration = nil
        case .number(let milliseconds)? where (1...10_000).contains(milliseconds):
            breakDuration = .milliseconds(Int64(milliseconds))
        default: throw RPCFailure(.invalidParams, "\"break_ms\" must be a number of milliseconds from 1 to 10000")
        }
        switch params["purge"] {
        case nil, .null?: purge = nil
        case .string("input")?: purge = .input
        case .string("output")?: purge = .output
        case .string("both")?: purge = .both
        default: throw RPCFailure(.invalidParams, "\"purge\" must be \"input\", \"output\" or \"both\"")
        }
        switch params["reset"] {
        case nil, .null?: reset = nil
        case .string(let name)?:
            guard let style = SerialResetStyle(rawValue: name) else {
                throw RPCFailure(.invalidParams, "\"reset\" must be \"classic\" or \"esp\"")
            }
            reset = style
        default: throw RPCFailure(.invalidParams, "\"reset\" must be \"classic\" or \"esp\"")
        }
    }
}
