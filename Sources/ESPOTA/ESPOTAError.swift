/// Why an espota upload failed, with what to check.
public struct ESPOTAError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Sendable, Hashable {
        /// The device did not answer the invitation.
        case noAnswer
        /// The device refused the password.
        case authenticationFailed
        /// The device refused the update before the transfer (`ERR: …`, or an answer that makes no sense).
        case refused
        /// The device did not connect back for the transfer.
        case noConnection
        /// The transfer broke off (a timeout or a reset).
        case transferFailed
        /// The device rejected the image after the transfer (MD5, magic byte, space…).
        case rejected
        /// This host could not do its part (sockets, libcrypto).
        case local
    }

    /// The kind.
    public let kind: Kind
    /// What happened and what to check.
    public let message: String

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
