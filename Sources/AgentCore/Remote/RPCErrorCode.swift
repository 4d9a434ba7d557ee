/// The `error.code` of a failed RPC reply.
public enum RPCErrorCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The payload is not a JSON object, or `method`/`params` have the wrong type.
    case badRequest = "bad_request"
    /// No such method.
    case unknownMethod = "unknown_method"
    /// The method's parameters are wrong.
    case invalidParams = "invalid_params"
    /// The request carried no MQTT 5 correlation data.
    case missingCorrelationData = "missing_correlation_data"
    /// The request is larger than 1 MiB.
    case payloadTooLarge = "payload_too_large"
    /// The requester is neither the owner nor in the share list.
    case forbidden
    /// The broker does not enforce the contract's ACL, so requester names could be forged.
    case brokerACLUnenforced = "broker_acl_unenforced"
    /// The agent could not yet prove the broker's ACL (its self-check got no answer); retry later.
    case unavailable
    /// No device or path of the agent matches the port named.
    case unknownPort = "unknown_port"
    /// The port is in use: by another session (the message names its user) or another program.
    case portBusy = "port_busy"
    /// Another user holds a lease on the device (`device.lock`); the message names them and until when.
    case locked
    /// No open session of the requester has this identifier.
    case unknownSession = "unknown_session"
    /// The port refused an operation (a setting it cannot take, a line it does not have).
    case deviceError = "device_error"
    /// The agent failed.
    case `internal`
    /// The agent did not answer in time (reported by clients, never sent by agents).
    case timeout
}
