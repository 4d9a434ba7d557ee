import TestSupport

/// A systemd unit file read as `[Section]` headers and `Key=Value` settings, the way systemd
/// reads it: `#` and `;` start comments, a trailing backslash continues a line, and a key may
/// appear several times (its values add up, an empty value resets the list).
struct UnitFile {
    /// One `Key=Value` line.
    struct Setting: Sendable, Equatable {
        /// The section it appears in, without brackets.
        let section: String
        /// The key, e.g. `DeviceAllow`.
        let key: String
        /// The value with surrounding blanks removed.
        let value: String
        /// Its 1-based line number.
        let line: Int
    }

    /// Every setting, in file order.
    let settings: [Setting]
    /// Lines that are neither blank, a comment, a section header nor a setting.
    let malformedLines: [String]

    /// Parses `text`.
    init(text: String) {
        var settings: [Setting] = []
        var malformed: [String] = []
        var section = ""
        for (number, line) in text.logicalLines(commentPrefixes: ["#", ";"]) {
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
            } else if let equals = line.firstIndex(of: "="), equals != line.startIndex {
                settings.append(
                    Setting(
                        section: section,
                        key: String(line[..<equals]).trimmingBlanks(),
                        value: String(line[line.index(after: equals)...]).trimmingBlanks(),
                        line: number
                    )
                )
            } else {
                malformed.append("line \(number): \(line)")
            }
        }
        self.settings = settings
        self.malformedLines = malformed
    }

    /// The effective values of `key` in `section`: all of them, after the last empty one.
    func values(_ key: String, in section: String) -> [String] {
        var values: [String] = []
        for setting in settings where setting.section == section && setting.key == key {
            if setting.value.isEmpty { values.removeAll() } else { values.append(setting.value) }
        }
        return values
    }

    /// The last value of `key` in `section` (the one systemd uses for single-valued keys).
    func value(_ key: String, in section: String) -> String? {
        settings.last { $0.section == section && $0.key == key }?.value
    }

    /// The whitespace-separated words of all values of `key` in `section`.
    func words(_ key: String, in section: String) -> [String] {
        values(key, in: section).flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
    }
}
