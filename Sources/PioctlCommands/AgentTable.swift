import AgentCore

/// The human form of an agent list: aligned columns, one agent per line.
struct AgentTable {
    let presences: [Presence]
    /// Agents whose inventory the user may read.
    let shared: Set<String>

    init(_ presences: [Presence], shared: Set<String>) {
        self.presences = presences
        self.shared = shared
    }

    var text: String {
        guard !presences.isEmpty else { return "No agents on the broker." }
        let header = ["AGENT", "STATE", "VERSION", "HOST", "OWNER", "SHARED", "SINCE"]
        let rows = presences.map { presence in
            [
                presence.agent, presence.online ? "online" : "offline", presence.version, presence.hostname,
                presence.owner ?? "-", shared.contains(presence.agent) ? "yes" : "no",
                presence.since.map { "\($0)" } ?? "-",
            ]
        }
        return TextTable.render(header: header, rows: rows)
    }
}
