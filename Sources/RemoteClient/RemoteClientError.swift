public import AgentCore
public import MQTT

/// Why a remote command could not do its work.
public struct RemoteClientError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// No broker or user name is configured.
        case notLoggedIn
        /// The stored settings or secret are unusable (bad URL, a secret readable by others).
        case badProfile
        /// The broker could not be reached or refused the connection.
        case unreachable
        /// The broker did not answer within the deadline.
        case timedOut
        /// The broker refused something the contract needs (a subscription), or an agent
        /// answered a request with an error (``RemoteClientError/rpc``).
        case refused
    }

    /// What went wrong.
    public let kind: Kind
    /// What happened and what to do.
    public let description: String
    /// The MQTT failure behind it, if any.
    public let mqtt: MQTTError?
    /// The agent's error reply behind it, if any.
    public let rpc: RPCFailure?

    /// Creates an error.
    public init(_ kind: Kind, _ description: String, mqtt: MQTTError? = nil, rpc: RPCFailure? = nil) {
        self.kind = kind
        self.description = description
        self.mqtt = mqtt
        self.rpc = rpc
    }
}
