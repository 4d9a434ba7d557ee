/// Where the control server listens.
public enum ControlListener: Sendable, Hashable {
    /// Bind a Unix socket at `path` (replacing a stale socket file, refusing a live one), then
    /// set its `mode` and, when given, its `group`.
    case path(String, mode: UInt32 = 0o660, group: String? = "pio-agent")
    /// Adopt a listening socket passed by systemd (`pio-agentd.socket`); `path` is for display.
    case activated(descriptor: Int32, path: String?)

    /// The path shown in status and logs.
    public var displayPath: String {
        switch self {
        case .path(let path, _, _): path
        case .activated(let descriptor, let path): path ?? "fd:\(descriptor)"
        }
    }
}
