/// Who may use the agent remotely: its owner and the users it is shared with (`*`: everyone).
/// Deny by default: with neither, nobody may.
public struct CloudAccess: Sendable, Hashable {
    /// The owner's broker user name, or nil.
    public var owner: String?
    /// Users the agent is shared with; `*` shares it with every authenticated user.
    public var share: [String]

    /// Creates a policy.
    public init(owner: String?, share: [String]) {
        self.owner = owner
        self.share = share
    }

    /// Whether the agent is shared with every user.
    public var isPublic: Bool { share.contains("*") }

    /// Whether `user` may call the agent's methods.
    public func permits(_ user: String) -> Bool {
        user == owner || isPublic || share.contains(user)
    }

    /// The users who get an inventory copy of their own: the owner and each named share, once each.
    public var namedUsers: [String] {
        var users: [String] = []
        for user in [owner].compactMap({ $0 }) + share where user != "*" && !users.contains(user) {
            users.append(user)
        }
        return users
    }

    /// Whether nobody at all may use the agent.
    public var isClosed: Bool { owner == nil && share.isEmpty }
}
