import AgentCore
import ArgumentParser
import ControlClient

/// How commands report failure: one line on standard error, a distinct exit status.
enum CommandFailure {
    /// Exit status when the daemon cannot be reached (not running, stale socket, no permission, timeout).
    static let unreachableStatus: Int32 = 3

    /// Runs `body`, turning a client error into one line on standard error and an exit status.
    static func reporting<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ControlClientError {
            printError(error.description)
            switch error.code {
            case .notRunning, .staleSocket, .permissionDenied, .timedOut: throw ExitCode(unreachableStatus)
            default: throw ExitCode.failure
            }
        }
    }

    static func printError(_ message: String) {
        StandardStream.error.write("pioctl: \(message)\n")
    }
}
