/// Why a flash cannot start or failed, with what to do.
public struct FlashingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Sendable, Hashable {
        /// A profile is malformed, or does not fit the device.
        case badProfile
        /// No profile fits the device, or the one asked for does not exist.
        case noProfile
        /// The profile's tool is not installed.
        case missingTool
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
