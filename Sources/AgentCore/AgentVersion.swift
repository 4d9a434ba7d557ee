/// The version of the agent and its CLI, reported by `pioctl version`, `GET /v1/status` and the
/// cloud presence message.
public enum AgentVersion {
    /// The semantic version of this build.
    public static let current = "0.1.0"
}
