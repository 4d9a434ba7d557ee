import NIOCore
import NIOPosix

/// Runs `body` with a one-thread event loop group, and shuts the group down afterwards, so that a test
/// leaves no thread behind.
@discardableResult
func withEventLoopGroup<Result: Sendable>(
    _ body: (MultiThreadedEventLoopGroup) async throws -> Result
) async throws -> Result {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    do {
        let result = try await body(group)
        try await group.shutdownGracefully()
        return result
    } catch {
        try? await group.shutdownGracefully()
        throw error
    }
}
