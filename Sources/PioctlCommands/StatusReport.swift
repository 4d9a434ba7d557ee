import AgentCore

/// The human form of `pioctl status`.
struct StatusReport {
    let status: AgentStatus

    init(_ status: AgentStatus) { self.status = status }

    var text: String {
        let agent = status.agent
        let udev =
            switch agent.udevSource {
            case .udev: "udev events (systemd-udevd runs)"
            case .kernel: "kernel uevents (udevd is not running)"
            case .none: "none: only rescans update the inventory"
            }
        let absent = status.devices.absent > 0 ? ", \(status.devices.absent) static absent" : ""
        let control = status.control
        let subscribers = control.eventSubscribers == 1 ? "1 event subscriber" : "\(control.eventSubscribers) event subscribers"
        let inventory = status.inventory
        let lastRescan = inventory.lastRescanAt.map { ", last \($0)" } ?? ""
        let rows: [(String, String)] = [
            ("Agent", "\(agent.name) (pio-agentd \(agent.version), pid \(agent.pid), up \(Self.duration(agent.uptimeSeconds)))"),
            ("Config", agent.configFile ?? "built-in defaults"),
            ("Devices", "\(status.devices.serial) serial\(absent)\(status.devices.ota > 0 ? ", \(status.devices.ota) OTA" : "")"),
            ("udev", udev),
            ("Inventory", "seq \(inventory.sequence), \(inventory.rescans) rescans\(lastRescan), "
                + "\(inventory.udevEvents) udev events, \(inventory.overruns) overruns"),
            ("Control", "\(control.socket)\(control.socketActivated ? " (socket-activated)" : ""), "
                + "\(control.connections) connection\(control.connections == 1 ? "" : "s"), \(subscribers)"),
            ("Cloud", Self.cloud(status.cloud)),
        ] + Self.sessions(status.sessions) + Self.leases(status.leases ?? [])
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(to: width) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// `connected to mqtts://broker:8883 as farm-01 since …, ACL enforced, 2 reconnects`.
    static func cloud(_ cloud: AgentStatus.Cloud) -> String {
        guard cloud.state != "disabled" else { return "disabled (no [cloud] section: local only)" }
        let broker = cloud.url ?? "?"
        let user = cloud.username ?? "?"
        var parts = [
            cloud.state == "connected"
                ? "connected to \(broker) as \(user)\(cloud.connectedSince.map { " since \($0)" } ?? "")"
                : "\(cloud.state) (broker \(broker), user \(user))"
        ]
        if let acl = cloud.acl { parts.append(acl == "unenforced" ? "ACL UNENFORCED (remote use refused)" : "ACL \(acl)") }
        parts.append(cloud.reconnects == 1 ? "1 reconnect" : "\(cloud.reconnects) reconnects")
        if cloud.state != "connected", let error = cloud.lastError { parts.append("last error: \(error)") }
        return parts.joined(separator: ", ")
    }

    /// One row per live session: `monitor /dev/ttyUSB0 by bob since …, 18234 bytes out, 12 in`;
    /// none when the agent has no sessions section, "none" when it has no session.
    static func sessions(_ sessions: [SessionSummary]?) -> [(String, String)] {
        guard let sessions else { return [] }
        guard !sessions.isEmpty else { return [("Sessions", "none")] }
        return sessions.enumerated().map { index, session in
            (
                index == 0 ? "Sessions" : "",
                "\(session.kind) \(session.port) by \(session.user) since \(session.since), "
                    + "\(session.bytesToUser) bytes to the user, \(session.bytesFromUser) from"
            )
        }
    }

    /// One row per lease: `/dev/ttyUSB0 locked by alice until …`; none without leases.
    static func leases(_ leases: [DeviceLease]) -> [(String, String)] {
        leases.enumerated().map { index, lease in
            (index == 0 ? "Leases" : "", "\(lease.port) locked by \(lease.user) until \(lease.expires)")
        }
    }

    /// `3d 4h`, `2h 5m`, `4m 12s`, `9s`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        let (days, hours, minutes, secs) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(secs)s" }
        return "\(secs)s"
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
