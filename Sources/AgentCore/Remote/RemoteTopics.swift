/// The topics of the MQTT contract (docs/protocol.md) under one prefix, default `pio/v1`.
///
/// For agent `A` and user `U`: `P/agents/A/presence`, `P/agents/A/for/U/inventory`,
/// `P/agents/A/public/inventory`, `P/agents/A/rpc/U` and `P/agents/A/for/U/reply`, and the
/// streams of session `SID`: `P/agents/A/rpc/U/s/SID` (from `U`) and `P/agents/A/for/U/s/SID`
/// (from `A`).
public struct RemoteTopics: Sendable, Hashable {
    /// The default prefix.
    public static let defaultPrefix = "pio/v1"

    /// The prefix, without a trailing slash.
    public let prefix: String

    /// Topics under `prefix`.
    public init(prefix: String = RemoteTopics.defaultPrefix) { self.prefix = prefix }

    /// Whether `prefix` can serve as a prefix: one or two non-empty levels without wildcards,
    /// so that the deepest topic (`P/agents/A/rpc/U/s/SID`) has at most 7 slashes (AWS IoT
    /// Core's limit; ejabberd allows 8).
    public static func isValidPrefix(_ prefix: String) -> Bool {
        let levels = prefix.split(separator: "/", omittingEmptySubsequences: false)
        return (1...2).contains(levels.count)
            && levels.allSatisfy { !$0.isEmpty && !$0.contains("+") && !$0.contains("#") }
    }

    /// `P/agents/A/presence`: retained presence of agent `A`.
    public func presence(agent: String) -> String { "\(prefix)/agents/\(agent)/presence" }
    /// `P/agents/A/for/U/inventory`: retained inventory of `A` for user `U`.
    public func inventory(agent: String, user: String) -> String { "\(prefix)/agents/\(agent)/for/\(user)/inventory" }
    /// `P/agents/A/public/inventory`: retained inventory of `A` for every user.
    public func publicInventory(agent: String) -> String { "\(prefix)/agents/\(agent)/public/inventory" }
    /// `P/agents/A/rpc/U`: requests from `U` to `A`.
    public func requests(agent: String, user: String) -> String { "\(prefix)/agents/\(agent)/rpc/\(user)" }
    /// `P/agents/A/for/U/reply`: replies of `A` to `U`.
    public func replies(agent: String, user: String) -> String { "\(prefix)/agents/\(agent)/for/\(user)/reply" }
    /// `P/agents/A/rpc/U/s/SID`: the stream of session `SID` from user `U` to agent `A`.
    public func sessionFromUser(agent: String, user: String, session: SessionID) -> String {
        "\(prefix)/agents/\(agent)/rpc/\(user)/s/\(session)"
    }
    /// `P/agents/A/for/U/s/SID`: the stream of session `SID` from agent `A` to user `U`.
    public func sessionFromAgent(agent: String, user: String, session: SessionID) -> String {
        "\(prefix)/agents/\(agent)/for/\(user)/s/\(session)"
    }
    /// `P/agents/U/sync/N`: a marker a user publishes to itself to learn that earlier retained messages arrived.
    public func syncMarker(user: String, nonce: String) -> String { "\(prefix)/agents/\(user)/sync/\(nonce)" }
    /// The topic of the agent's ACL self-check: a request under a name no valid user has, to
    /// an agent no valid name can own. The broker's ACL must refuse it.
    public var aclProbe: String { "\(prefix)/agents/~acl-probe/rpc/~acl-probe" }

    /// The filter an agent subscribes to for its requests.
    public func requestFilter(agent: String) -> String { "\(prefix)/agents/\(agent)/rpc/+" }
    /// The filter an agent subscribes to for the streams users send to its sessions.
    public func sessionFilter(agent: String) -> String { "\(prefix)/agents/\(agent)/rpc/+/s/+" }
    /// The filters a user subscribes to for listings: presences, what is shared with them, and public inventories.
    public func listingFilters(user: String) -> [String] {
        ["\(prefix)/agents/+/presence", "\(prefix)/agents/+/for/\(user)/#", "\(prefix)/agents/+/public/#"]
    }

    /// What a received topic is, or nil for a topic outside the contract.
    public func parse(_ topic: String) -> RemoteTopic? {
        guard topic.hasPrefix(prefix + "/agents/") else { return nil }
        let levels = topic.dropFirst(prefix.utf8.count + "/agents/".utf8.count)
            .split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let agent = levels.first, AgentName.isValid(agent) else { return nil }
        switch Array(levels.dropFirst()) {
        case ["presence"]: return .presence(agent: agent)
        case ["public", "inventory"]: return .publicInventory(agent: agent)
        case let rest where rest.count == 2 && rest[0] == "rpc" && AgentName.isValid(rest[1]):
            return .request(agent: agent, user: rest[1])
        case let rest where rest.count == 3 && rest[0] == "for" && AgentName.isValid(rest[1]) && rest[2] == "inventory":
            return .inventory(agent: agent, user: rest[1])
        case let rest where rest.count == 3 && rest[0] == "for" && AgentName.isValid(rest[1]) && rest[2] == "reply":
            return .reply(agent: agent, user: rest[1])
        case let rest where rest.count == 4 && rest[0] == "rpc" && AgentName.isValid(rest[1]) && rest[2] == "s":
            return SessionID(rest[3]).map { .sessionFromUser(agent: agent, user: rest[1], session: $0) }
        case let rest where rest.count == 4 && rest[0] == "for" && AgentName.isValid(rest[1]) && rest[2] == "s":
            return SessionID(rest[3]).map { .sessionFromAgent(agent: agent, user: rest[1], session: $0) }
        case let rest where rest.count == 2 && rest[0] == "sync":
            return .syncMarker(user: agent, nonce: rest[1])
        default: return nil
        }
    }
}

/// A topic of the contract, parsed.
public enum RemoteTopic: Sendable, Hashable {
    /// `P/agents/A/presence`.
    case presence(agent: String)
    /// `P/agents/A/for/U/inventory`.
    case inventory(agent: String, user: String)
    /// `P/agents/A/public/inventory`.
    case publicInventory(agent: String)
    /// `P/agents/A/rpc/U`.
    case request(agent: String, user: String)
    /// `P/agents/A/for/U/reply`.
    case reply(agent: String, user: String)
    /// `P/agents/U/sync/N`.
    case syncMarker(user: String, nonce: String)
    /// `P/agents/A/rpc/U/s/SID`.
    case sessionFromUser(agent: String, user: String, session: SessionID)
    /// `P/agents/A/for/U/s/SID`.
    case sessionFromAgent(agent: String, user: String, session: SessionID)
}
