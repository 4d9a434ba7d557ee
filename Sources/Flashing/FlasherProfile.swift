/// How to flash one kind of board: a command as an argv template (never a shell string), the
/// devices it is for, and how long the tool may take.
public struct FlasherProfile: Sendable, Hashable {
    /// The profile's name, which a client may ask for (`--profile`).
    public var name: String
    /// The program and its arguments, with placeholders (``FlasherTemplate``).
    public var command: [String]
    /// The devices it is chosen for without being named, or nil for a profile used only by name.
    public var match: DeviceMatch?
    /// How long the tool may run before it is stopped.
    public var timeout: Duration
    /// Where the tool comes from, for the error when it is missing (such as `apt install avrdude`).
    public var installHint: String?

    /// A profile.
    public init(
        name: String, command: [String], match: DeviceMatch? = nil, timeout: Duration = .seconds(120),
        installHint: String? = nil
    ) {
        self.name = name
        self.command = command
        self.match = match
        self.timeout = timeout
        self.installHint = installHint
    }
}
