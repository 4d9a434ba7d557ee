import Testing
import TestSupport
import UnityTest

@Suite struct UnityOutputParserTests {
    static let transcript = """
        ets Jun  8 2016 00:22:57\r
        rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r
        test/test_main.c:21:test_addition:PASS\r
        test/test_main.c:30:test_subtraction:FAIL: Expected 2 Was 3\r
        \u{1B}[33mtest/test_main.c:40:test_later:IGNORE: not ready\u{1B}[0m\r
        \r
        -----------------------\r
        3 Tests 1 Failures 1 Ignored \r
        FAIL\r
        after the summary: t.c:1:test_x:PASS\r

        """

    @Test func readsResultsAndTheSummaryAmongNoise() {
        var parser = UnityOutputParser()
        let results = parser.consume(Array(Self.transcript.utf8))
        #expect(results.map(\.name) == ["test_addition", "test_subtraction", "test_later"])
        #expect(results[1].outcome == .failed("Expected 2 Was 3"))
        #expect(results[2].outcome == .ignored("not ready"))
        #expect(parser.summary == UnitySummary(tests: 3, failures: 1, ignored: 1, ok: false))
        #expect(parser.isComplete)
    }

    @Test func theSummaryNeedsOKOrFAILNext() {
        var parser = UnityOutputParser()
        _ = parser.consume(Array("2 Tests 0 Failures 0 Ignored\nrebooting...\nOK\n".utf8))
        #expect(parser.summary == nil)
        _ = parser.consume(Array("1 Test 0 Failures 0 Ignored\n\nOK".utf8))
        #expect(parser.summary == nil, "OK has no line break yet")
        _ = parser.finish()
        #expect(parser.summary == UnitySummary(tests: 1, failures: 0, ignored: 0, ok: true))
    }

    @Test func overlongLinesAreDroppedWhole() {
        var parser = UnityOutputParser()
        let long = String(repeating: "x", count: UnityOutputParser.maximumLineLength + 10) + "t.c:1:test_a:PASS\n"
        #expect(parser.consume(Array(long.utf8)).isEmpty)
        #expect(parser.overlongLines == 1)
        #expect(parser.consume(Array("t.c:2:test_b:PASS\n".utf8)).map(\.name) == ["test_b"])
    }

    /// However the bytes are split, the parser reads the same: random transcripts of results and
    /// noise, fed in random pieces, give back exactly the results and summary they were made of.
    @Test func anySplitReadsTheSame() {
        var generator = SplitMix64(seed: 6)
        for _ in 0..<300 {
            let (text, results, summary) = Self.randomTranscript(using: &generator)
            let bytes = Array(text.utf8)
            var parser = UnityOutputParser()
            var read: [UnityTestResult] = []
            var offset = 0
            while offset < bytes.count {
                let length = Int.random(in: 1...max(1, min(64, bytes.count - offset)), using: &generator)
                read += parser.consume(bytes[offset..<(offset + length)])
                offset += length
            }
            read += parser.finish()
            #expect(read == results)
            #expect(parser.summary == summary)
        }
    }

    /// Random bytes and mutated transcripts never trap, and whatever is read is well formed.
    @Test func arbitraryBytesAreSafe() {
        var generator = SplitMix64(seed: 7)
        for round in 0..<2000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...2048, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                bytes = Array(Self.randomTranscript(using: &generator).text.utf8)
                for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            var parser = UnityOutputParser()
            let results = parser.consume(bytes) + parser.finish()
            for result in results {
                #expect(!result.file.isEmpty && !result.name.isEmpty && result.line >= 0)
            }
        }
    }

    static func randomTranscript(using generator: inout SplitMix64) -> (
        text: String, results: [UnityTestResult], summary: UnitySummary?
    ) {
        let noise = ["", "boot: ok", "I (31) cpu_start: Starting scheduler.", "x:y:z", "12:34", "Guru Meditation Error"]
        var lines: [String] = []
        var results: [UnityTestResult] = []
        for index in 0..<Int.random(in: 0...12, using: &generator) {
            if Bool.random(using: &generator) { lines.append(noise.randomElement(using: &generator)!) }
            let outcome: UnityOutcome =
                switch Int.random(in: 0...2, using: &generator) {
                case 0: .passed
                case 1: .failed(["", "Expected 1 Was 2", "a:b: c"].randomElement(using: &generator)!)
                default: .ignored(["", "later"].randomElement(using: &generator)!)
                }
            let result = UnityTestResult(
                file: ["test/test_main.c", #"C:\t\x.c"#, "a b.cpp"].randomElement(using: &generator)!,
                line: Int.random(in: 0...9999, using: &generator), name: "test_\(index)", outcome: outcome)
            results.append(result)
            let suffix: String =
                switch outcome {
                case .passed: "PASS"
                case .failed(let message): message.isEmpty ? "FAIL" : "FAIL: \(message)"
                case .ignored(let reason): reason.isEmpty ? "IGNORE" : "IGNORE: \(reason)"
                }
            lines.append("\(result.file):\(result.line):\(result.name):\(suffix)")
        }
        var summary: UnitySummary?
        if Bool.random(using: &generator) {
            let failures = results.count { if case .failed = $0.outcome { true } else { false } }
            let ignored = results.count { if case .ignored = $0.outcome { true } else { false } }
            summary = UnitySummary(tests: results.count, failures: failures, ignored: ignored, ok: failures == 0)
            lines += ["-----------------------", "\(results.count) Tests \(failures) Failures \(ignored) Ignored", failures == 0 ? "OK" : "FAIL"]
        }
        let ending = Bool.random(using: &generator) ? "\r\n" : "\n"
        return (lines.joined(separator: ending) + (Bool.random(using: &generator) ? ending : ""), results, summary)
    }
}
