/// Runs blocking work (socket reads, `waitpid`, the blocking control client) on its own OS thread.
///
/// Swift's cooperative pool has as many threads as cores (two here); a test that blocked one of
/// them while waiting for an in-process server would starve that server. `blocking { }` keeps the
/// pool free.
public func blocking<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        do {
            try startThread { continuation.resume(with: Swift.Result { try body() }) }
        } catch {
            continuation.resume(throwing: error)
        }
    }
}
