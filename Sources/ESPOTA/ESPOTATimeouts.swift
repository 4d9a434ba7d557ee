/// How long an upload waits for each step; the defaults follow espota, with more tries of the
/// invitation and shorter waits for its answer.
public struct ESPOTATimeouts: Sendable, Hashable {
    /// For an answer to one invitation.
    public var invitationReply: Duration = .seconds(2)
    /// Invitations sent before giving up.
    public var invitationTries = 5
    /// For the answer to the password.
    public var authenticationReply: Duration = .seconds(10)
    /// For the device to connect back.
    public var connection: Duration = .seconds(15)
    /// For each chunk's acknowledgement.
    public var acknowledgement: Duration = .seconds(10)
    /// For the device's verdict after the last byte.
    public var result: Duration = .seconds(60)

    /// The defaults.
    public init() {}
}
