import AgentConfig
import Logging
import Systemd

/// Sets up logging for the daemon: native journald records with structured fields when
/// standard error is connected to the journal (`JOURNAL_STREAM`), else plain lines on standard error.
enum AgentLogging {
    /// The daemon's `SYSLOG_IDENTIFIER`.
    static let identifier = "pio-agentd"

    /// Bootstraps swift-log once per process and returns the daemon's level control and root logger.
    static func bootstrap(level: LogLevel) -> (LogLevelControl, Logger) {
        let control = LogLevelControl(Logger.Level(level))
        let toJournal = JournalStream.isStandardErrorConnected
        LoggingSystem.bootstrap { label in
            if toJournal {
                DynamicLevelLogHandler(wrapped: JournalLogHandler(label: label, identifier: identifier), control: control)
            } else {
                DynamicLevelLogHandler(wrapped: StderrLogHandler(label: label), control: control)
            }
        }
        return (control, Logger(label: identifier))
    }
}
