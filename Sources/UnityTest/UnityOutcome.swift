/// How one Unity test ended.
public enum UnityOutcome: Sendable, Hashable {
    /// The test passed.
    case passed
    /// The test failed, with Unity's message (empty when it gave none).
    case failed(String)
    /// The test was ignored, with the reason Unity gave (empty when none).
    case ignored(String)
}
