import Synchronization

/// Set once by a cancelled task, read by the upload's thread between its waits.
final class CancellationFlag: Sendable {
    private let flag = Atomic(false)

    /// Marks the upload cancelled.
    func set() {
        flag.store(true, ordering: .relaxed)
    }

    /// Whether the upload was cancelled.
    @Sendable func isSet() -> Bool {
        flag.load(ordering: .relaxed)
    }
}
