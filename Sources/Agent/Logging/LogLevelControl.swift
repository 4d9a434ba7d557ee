import AgentConfig
import Logging
import Synchronization

/// The daemon-wide log level, changeable at run time (SIGHUP reload).
final class LogLevelControl: Sendable {
    private let rawLevel: Atomic<Int>

    init(_ level: Logger.Level) {
        rawLevel = Atomic(Self.levels.firstIndex(of: level) ?? 2)
    }

    var level: Logger.Level {
        get { Self.levels[rawLevel.load(ordering: .relaxed)] }
        set { rawLevel.store(Self.levels.firstIndex(of: newValue) ?? 2, ordering: .relaxed) }
    }

    private static let levels: [Logger.Level] = [.trace, .debug, .info, .notice, .warning, .error, .critical]
}

extension Logger.Level {
    /// The swift-log level for a configured level name.
    init(_ level: LogLevel) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
