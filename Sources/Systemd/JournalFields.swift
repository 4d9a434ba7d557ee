public import Logging

/// Builds the journal fields of a log record; a pure function of its inputs.
public enum JournalFields {
    /// The longest field name the journal accepts.
    public static let maximumNameLength = 64

    /// The prefix that turns an invalid or reserved metadata field name into a valid, distinct one.
    public static let metadataPrefix = "META_"

    /// Names the handler sets itself; metadata keys that map onto them get ``metadataPrefix``.
    public static let reservedNames: Set<String> = [
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "LOGGER",
    ]

    /// The fields of one log record, in a stable order.
    ///
    /// First `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER`, `LOGGER`, `CODE_FILE`, `CODE_LINE` and `CODE_FUNC`, then
    /// one field per metadata entry in key order, named by ``fieldName(forMetadataKey:)`` and valued by the
    /// metadata value's text. Two keys that sanitise to the same name both appear; the journal keeps both values.
    ///
    /// - Parameters:
    ///   - level: The record's level, mapped by ``priority(for:)``.
    ///   - message: The message text; it may span several lines.
    ///   - metadata: The record's complete metadata (handler, provider and call-site metadata merged).
    ///   - identifier: The `SYSLOG_IDENTIFIER`, usually the program name such as `pio-agentd`.
    ///   - label: The logger's label, sent as `LOGGER`.
    ///   - file: The source file of the log call.
    ///   - function: The function of the log call.
    ///   - line: The source line of the log call.
    public static func make(
        level: Logger.Level,
        message: String,
        metadata: Logger.Metadata,
        identifier: String,
        label: String,
        file: String,
        function: String,
        line: UInt
    ) -> [JournalField] {
        var fields = [
            JournalField(name: "MESSAGE", value: message),
            JournalField(name: "PRIORITY", value: String(Self.priority(for: level))),
            JournalField(name: "SYSLOG_IDENTIFIER", value: identifier),
            JournalField(name: "LOGGER", value: label),
            JournalField(name: "CODE_FILE", value: file),
            JournalField(name: "CODE_LINE", value: String(line)),
            JournalField(name: "CODE_FUNC", value: function),
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            fields.append(JournalField(name: Self.fieldName(forMetadataKey: key), value: value.description))
        }
        return fields
    }

    /// The syslog priority for `level`: trace and debug 7, info 6, notice 5, warning 4, error 3, critical 2.
    public static func priority(for level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// A valid journal field name for the metadata key `key`.
    ///
    /// The key is uppercased and every character outside `A`–`Z`, `0`–`9` and `_` becomes `_`. A name that would
    /// start with `_` or a digit (or be empty), or that equals one of ``reservedNames``, gets ``metadataPrefix``.
    /// The result is cut to ``maximumNameLength`` characters. For example `device` → `DEVICE`,
    /// `usb.vendor-id` → `USB_VENDOR_ID`, `_pid` → `META__PID`, `message` → `META_MESSAGE`.
    public static func fieldName(forMetadataKey key: String) -> String {
        var name = String(String.UnicodeScalarView(key.uppercased().unicodeScalars.map(Self.fieldCharacter)))
        let needsPrefix = name.first.map { $0 == "_" || $0.isASCII && $0.isNumber } ?? true
        if needsPrefix || Self.reservedNames.contains(name) {
            name = Self.metadataPrefix + name
        }
        return String(name.prefix(Self.maximumNameLength))
    }

    /// `scalar` when it may appear in a field name, `_` otherwise.
    private static func fieldCharacter(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "A"..."Z", "0"..."9", "_": scalar
        default: "_"
        }
    }
}
