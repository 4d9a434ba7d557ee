/// Unity runs as JUnit XML, the format CI systems read: one `testsuite` per run, one `testcase`
/// per result (`failure` or `skipped` inside as the outcome says), and an `error` test case for a
/// run that failed around its tests (no summary before the timeout, a failed flash).
public enum JUnitReport {
    /// The document for `runs`, its root named `name`.
    public static func xml(_ runs: [UnityRun], name: String = "pioctl remote test") -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        let total = runs.reduce(into: (tests: 0, failures: 0, errors: 0, skipped: 0, seconds: 0.0)) { total, run in
            total.tests += run.results.count + (run.error == nil ? 0 : 1)
            total.failures += run.failedCount
            total.errors += run.error == nil ? 0 : 1
            total.skipped += run.ignoredCount
            total.seconds += seconds(run.duration)
        }
        xml += "<testsuites name=\"\(attribute(name))\" tests=\"\(total.tests)\" failures=\"\(total.failures)\""
        xml += " errors=\"\(total.errors)\" skipped=\"\(total.skipped)\" time=\"\(format(total.seconds))\">\n"
        for run in runs { xml += suite(run) }
        xml += "</testsuites>\n"
        return xml
    }

    private static func suite(_ run: UnityRun) -> String {
        let errors = run.error == nil ? 0 : 1
        var xml = "  <testsuite name=\"\(attribute(run.name))\" tests=\"\(run.results.count + errors)\""
        xml += " failures=\"\(run.failedCount)\" errors=\"\(errors)\" skipped=\"\(run.ignoredCount)\""
        xml += " time=\"\(format(seconds(run.duration)))\">\n"
        for result in run.results {
            let head = "    <testcase classname=\"\(attribute(result.file))\" name=\"\(attribute(result.name))\""
                + " file=\"\(attribute(result.file))\" line=\"\(result.line)\""
            switch result.outcome {
            case .passed:
                xml += head + "/>\n"
            case .failed(let message):
                xml += head + ">\n      <failure message=\"\(attribute(message))\" type=\"failure\">"
                xml += text("\(result.file):\(result.line): \(message)") + "</failure>\n    </testcase>\n"
            case .ignored(let reason):
                xml += head + ">\n      <skipped message=\"\(attribute(reason))\"/>\n    </testcase>\n"
            }
        }
        if let error = run.error {
            xml += "    <testcase classname=\"\(attribute(run.name))\" name=\"run\">\n"
            xml += "      <error message=\"\(attribute(error))\" type=\"error\">\(text(error))</error>\n    </testcase>\n"
        }
        xml += "  </testsuite>\n"
        return xml
    }

    /// `value` for an attribute in double quotes: markup escaped, line breaks and tabs as
    /// character references, and characters XML 1.0 does not allow replaced with U+FFFD.
    static func attribute(_ value: String) -> String {
        escape(value) { scalar in
            switch scalar {
            case "\"": "&quot;"
            case "\n": "&#10;"
            case "\r": "&#13;"
            case "\t": "&#9;"
            default: nil
            }
        }
    }

    /// `value` for element content: markup escaped, characters XML 1.0 does not allow replaced.
    static func text(_ value: String) -> String {
        escape(value) { _ in nil }
    }

    private static func escape(_ value: String, special: (Unicode.Scalar) -> String?) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            if let replacement = special(scalar) {
                escaped += replacement
                continue
            }
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case "\u{20}"..."\u{D7FF}", "\u{E000}"..."\u{FFFD}", "\u{10000}"..."\u{10FFFF}": escaped.unicodeScalars.append(scalar)
            default: escaped += "\u{FFFD}"
            }
        }
        return escaped
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Seconds with three decimals, as JUnit readers expect.
    private static func format(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
