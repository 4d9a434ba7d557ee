import ArgumentParser
import RemoteClient

/// How remote commands report failure: one line on standard error and an exit status that
/// tells a script what kind of failure it was.
enum RemoteFailure {
    /// Exit status when not logged in or the stored settings are unusable.
    static let profileStatus: Int32 = 2
    /// Exit status when the broker cannot be reached in time (as for an unreachable daemon).
    static let unreachableStatus: Int32 = CommandFailure.unreachableStatus

    /// Runs `body`, turning a ``RemoteClientError`` into one line and an exit status.
    static func reporting<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as RemoteClientError {
            CommandFailure.printError(error.description)
            switch error.kind {
            case .notLoggedIn, .badProfile: throw ExitCode(profileStatus)
            case .unreachable, .timedOut: throw ExitCode(unreachableStatus)
            case .refused: throw ExitCode.failure
            }
        }
    }
}
