/// Why a firmware transfer was refused or failed, with what to do.
public struct FirmwareError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Sendable, Hashable {
        /// The announced name, size or digest is malformed.
        case invalid
        /// The image is larger than `[firmware] max_mib`.
        case tooLarge
        /// As many transfers as allowed are under way.
        case busy
        /// A chunk does not continue where the transfer stands.
        case outOfOrder
        /// The bytes received do not have the announced SHA-256.
        case mismatch
        /// The transfer is not complete.
        case incomplete
        /// The staging directory refused (the OS error is in the message).
        case storage
    }

    /// The kind.
    public let kind: Kind
    /// What happened and what to do.
    public let message: String

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
