import Logging

/// Wraps a handler so that its level follows the daemon-wide ``LogLevelControl``.
struct DynamicLevelLogHandler<Wrapped: LogHandler>: LogHandler {
    var wrapped: Wrapped
    let control: LogLevelControl

    var logLevel: Logger.Level {
        get { control.level }
        set { control.level = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        wrapped.log(event: event)
    }
}
