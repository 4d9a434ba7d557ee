public import Logging

/// A swift-log `LogHandler` that writes structured records to the systemd journal.
///
/// Each record carries `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER`, `LOGGER`, `CODE_FILE`, `CODE_LINE`,
/// `CODE_FUNC` and one field per metadata key, as built by
/// ``JournalFields/make(level:message:metadata:identifier:label:file:function:line:)``.
/// Use it when ``JournalStream/isStandardErrorConnected`` is `true`:
///
/// ```swift
/// LoggingSystem.bootstrap { label in
///     JournalLogHandler(label: label, identifier: "pio-agentd")
/// }
/// ```
///
/// Logging cannot throw: when the journal refuses a record, the handler writes the message and the error to
/// standard error instead, so the record is not lost silently. (A missing journal socket is not a refusal:
/// `sd_journal_sendv(3)` drops such records by design; see ``JournalSender/send(_:)``.)
public struct JournalLogHandler: LogHandler {
    /// The logger label, sent as `LOGGER`.
    public let label: String
    /// The program name, sent as `SYSLOG_IDENTIFIER`.
    public let identifier: String
    /// The lowest level that is sent; records below it are dropped.
    public var logLevel: Logger.Level = .info
    /// Metadata attached to every record of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Supplies contextual metadata (for example from task-locals) at each log call.
    public var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler for the logger `label`, sending records under the program name `identifier`.
    ///
    /// - Parameters:
    ///   - label: The logger label, sent as `LOGGER`.
    ///   - identifier: The `SYSLOG_IDENTIFIER`, for example `pio-agentd`.
    ///   - metadataProvider: Contextual metadata; defaults to the one bootstrapped in `LoggingSystem`.
    public init(
        label: String,
        identifier: String,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.identifier = identifier
        self.metadataProvider = metadataProvider
    }

    /// Reads or writes one entry of ``metadata``.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    /// Sends `event` to the journal.
    public func log(event: LogEvent) {
        let fields = JournalFields.make(
            level: event.level,
            message: event.message.description,
            metadata: self.effectiveMetadata(for: event),
            identifier: self.identifier,
            label: self.label,
            file: event.file,
            function: event.function,
            line: event.line
        )
        do {
            try JournalSender.send(fields)
        } catch {
            StandardError.write("\(self.identifier)[\(self.label)]: \(event.message) (\(error))\n")
        }
    }

    /// Handler metadata, overridden by provider metadata, overridden by the call's metadata, plus the error.
    private func effectiveMetadata(for event: LogEvent) -> Logger.Metadata {
        var merged = self.metadata
        if let provided = self.metadataProvider?.get() {
            merged.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata {
            merged.merge(explicit) { _, explicit in explicit }
        }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        return merged
    }
}
