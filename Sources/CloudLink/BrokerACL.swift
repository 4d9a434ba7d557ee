/// What the agent knows about the broker's ACL, from its self-check at every connection.
public enum BrokerACL: String, Sendable, Hashable {
    /// Not checked yet on this connection.
    case unknown
    /// The broker refused the probe: requester names cannot be forged.
    case enforced
    /// The broker accepted the probe: any user could pose as another.
    case unenforced
}
