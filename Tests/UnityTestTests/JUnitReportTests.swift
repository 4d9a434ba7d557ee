import TestSupport
import Testing
import UnityTest

@Suite struct JUnitReportTests {
    static let runs = [
        UnityRun(
            name: "farm1:/dev/ttyUSB0 test_blink",
            results: [
                UnityTestResult(file: "test/test_main.c", line: 21, name: "test_addition", outcome: .passed),
                UnityTestResult(file: "test/test_main.c", line: 30, name: "test_sub", outcome: .failed("Expected <2> & \"3\"")),
                UnityTestResult(file: "test/test_main.c", line: 40, name: "test_later", outcome: .ignored("not ready")),
            ],
            summary: UnitySummary(tests: 3, failures: 1, ignored: 1, ok: false), duration: .milliseconds(1534)),
        UnityRun(name: "farm2:/dev/ttyACM0 test_blink", error: "no Unity summary within 30 s", duration: .seconds(30)),
    ]

    @Test("the report passes a JUnit schema check (xmllint), with counts per suite and in all")
    func reportPassesTheSchema() async throws {
        let xml = JUnitReport.xml(Self.runs)
        #expect(xml.contains(#"<testsuites name="pioctl remote test" tests="4" failures="1" errors="1" skipped="1" time="31.534">"#))
        #expect(xml.contains(#"<failure message="Expected &lt;2&gt; &amp; &quot;3&quot;" type="failure">"#))
        #expect(xml.contains(#"<error message="no Unity summary within 30 s" type="error">"#))
        try await Self.validate(xml)
    }

    /// Whatever a board printed into messages and names, the report stays valid XML of the schema.
    @Test func hostileTextStaysValid() async throws {
        var generator = SplitMix64(seed: 11)
        let alphabet: [Unicode.Scalar] = ["<", ">", "&", "\"", "'", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{FFFE}", "é", "😀", "]]>", "a"]
            .flatMap { $0.unicodeScalars }
        var runs: [UnityRun] = []
        for index in 0..<20 {
            func text() -> String {
                var value = String.UnicodeScalarView()
                for _ in 0..<Int.random(in: 0...40, using: &generator) { value.append(alphabet.randomElement(using: &generator)!) }
                return String(value)
            }
            runs.append(UnityRun(
                name: text(), results: [UnityTestResult(file: text(), line: index, name: "test_\(index)", outcome: .failed(text()))],
                error: Bool.random(using: &generator) ? text() : nil))
        }
        try await Self.validate(JUnitReport.xml(runs, name: "a \u{1} <b>"))
    }

    static func validate(_ xml: String) async throws {
        let directory = try TemporaryDirectory(prefix: "junit")
        defer { directory.remove() }
        let report = try directory.write("report.xml", xml)
        guard TestEnvironment.isExecutable("/usr/bin/xmllint") else {
            try SystemTestPolicy.unavailable("xmllint is not installed; `make test` installs libxml2-utils")
        }
        let result = try await ChildProcess.run(
            "/usr/bin/xmllint", ["--noout", "--schema", PackageFiles.path("Tests/peers/junit.xsd"), report])
        #expect(result.status == 0, "\(result.standardError)\n\(xml)")
    }
}
