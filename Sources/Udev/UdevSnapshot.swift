public import AgentCore

/// The result of a rescan: every selected tty, or the state of one.
public struct UdevSnapshot: Sendable {
    /// What was rescanned.
    public enum Scope: Sendable, Hashable {
        /// Every tty: the result replaces what the agent knew.
        case all
        /// One tty by kernel name: the result holds it, or nothing when it is gone or not selected.
        case device(String)
    }

    /// What was rescanned.
    public var scope: Scope
    /// The selected ttys found.
    public var devices: [UdevDevice]
    /// The event source followed after the rescan.
    public var source: UdevSource
    /// Why the rescan ran.
    public var reason: RescanReason
    /// The requests this rescan answers (see ``UdevMonitor/rescan(device:reason:requestID:)``).
    public var requestIDs: [UInt64]
    /// Why the rescan failed, if it did; then ``devices`` is empty and means nothing.
    public var failure: String?

    /// Creates a rescan result.
    public init(
        scope: Scope, devices: [UdevDevice], source: UdevSource, reason: RescanReason, requestIDs: [UInt64],
        failure: String? = nil
    ) {
        self.scope = scope
        self.devices = devices
        self.source = source
        self.reason = reason
        self.requestIDs = requestIDs
        self.failure = failure
    }
}
