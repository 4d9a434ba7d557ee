import TestSupport
import TOML
import Testing

/// Compares the parser with Python's `tomllib` on generated and damaged documents.
///
/// Where the two disagree, the TOML 1.0 specification decides; the documented, narrowly excluded
/// differences are all cases where `tomllib` departs from the specification (see ``knownTomllibDeviation``).
@Suite struct DifferentialTests {
    private static let generatedCount = 1_500
    private static let mutantsPerDocument = 3
    private static let snippetCount = 2_500

    @Test func agreesWithTomllibOnGeneratedAndDamagedDocuments() {
        var generator = DocumentGenerator(seed: 0x5EED_70D1)
        var random = SplitMix64(seed: 42)
        var documents: [[UInt8]] = []
        for _ in 0..<Self.generatedCount {
            documents.append(Array(generator.makeDocument().utf8))
        }
        for index in 0..<(Self.generatedCount * Self.mutantsPerDocument) {
            documents.append(DocumentMutator.mutate(documents[index % Self.generatedCount], using: &random))
        }
        // The hand-written corpus must agree with tomllib too.
        documents += CorpusTests.valid.map { Array($0.text.utf8) } + CorpusTests.invalid.map { Array($0.text.utf8) }
        var snippets = SnippetGenerator(seed: 7)
        for _ in 0..<Self.snippetCount {
            documents.append(Array(snippets.makeScalarSoup().utf8))
            documents.append(Array(snippets.makeScalarNearMiss().utf8))
            documents.append(Array(snippets.makeScalarNearMiss().utf8))
            documents.append(Array(snippets.makeStringSoup().utf8))
            documents.append(Array(snippets.makeKeySoup().utf8))
            documents.append(Array(snippets.makeTableSoup().utf8))
        }
        for _ in 0..<200 {
            let garbage = (0..<random.int(in: 0...60)).map { _ in UInt8.random(in: 0...255, using: &random) }
            documents.append(Array(String(decoding: garbage, as: UTF8.self).utf8))
        }

        let outcomes: [PythonTOMLOracle.Outcome]
        do {
            outcomes = try PythonTOMLOracle.evaluate(documents)
        } catch {
            Issue.record("the differential test against tomllib could not run: \(error)")
            return
        }

        var mismatches: [String] = []
        var acceptedGenerated = 0
        var acceptedOthers = 0
        for (index, (document, outcome)) in zip(documents, outcomes).enumerated() {
            let text = String(decoding: document, as: UTF8.self)
            let ours = Result { () throws(TOMLError) in try TOMLDocument(parsing: text) }
            switch (ours, outcome) {
            case (.success(let parsed), .accepted(let expected)):
                let rendered = CanonicalForm.render(parsed.root)
                if rendered != expected {
                    mismatches.append("different values for document #\(index):\n\(text)\nours:    \(rendered)\n"
                        + "tomllib: \(expected)")
                } else if index < Self.generatedCount {
                    acceptedGenerated += 1
                } else {
                    acceptedOthers += 1
                }
            case (.failure, .rejected):
                break
            case (.success(let parsed), .rejected(let reason)):
                if Self.knownTomllibDeviation(ourResult: .success(parsed)) == nil {
                    mismatches.append("we accept, tomllib rejects (\(reason)) document #\(index):\n\(text)")
                }
            case (.failure(let error), .accepted):
                if Self.knownTomllibDeviation(ourResult: .failure(error)) == nil {
                    mismatches.append("we reject (\(error)), tomllib accepts document #\(index):\n\(text)")
                }
            }
        }
        for mismatch in mismatches.prefix(5) {
            Issue.record(Comment(rawValue: mismatch))
        }
        #expect(mismatches.count == 0, "disagreements with tomllib (the first five are recorded above)")
        // Guard against a generator that only produces errors, which would make the comparison vacuous.
        #expect(acceptedGenerated >= Self.generatedCount * 9 / 10,
            "only \(acceptedGenerated) generated documents parsed")
        #expect(acceptedOthers >= 100, "only \(acceptedOthers) damaged, corpus and snippet documents parsed")
    }

    /// Explains a disagreement caused by `tomllib` departing from TOML 1.0, or returns `nil`.
    ///
    /// - `tomllib` accepts integers beyond 64 bits; the specification requires an error when an integer
    ///   cannot be represented losslessly, and this parser keeps `Int64`.
    /// - `tomllib` rejects the leap second `60` and the year `0000`, which RFC 3339 (and so TOML) allows,
    ///   because Python's `datetime` cannot represent them.
    static func knownTomllibDeviation(ourResult: Result<TOMLDocument, TOMLError>) -> String? {
        switch ourResult {
        case .failure(let error):
            return error.message.contains("out of range for a 64-bit signed integer") ? "64-bit integers" : nil
        case .success(let document):
            return containsLeapSecondOrYearZero(.init(kind: .table(document.root), location: document.root.location))
                ? "leap second or year 0" : nil
        }
    }

    private static func containsLeapSecondOrYearZero(_ value: TOMLValue) -> Bool {
        switch value.kind {
        case .offsetDateTime(let dateTime), .localDateTime(let dateTime):
            dateTime.second == 60 || dateTime.year == 0
        case .localDate(let date): date.year == 0
        case .localTime(let time): time.second == 60
        case .array(let elements): elements.contains(where: containsLeapSecondOrYearZero)
        case .table(let table): table.entries.contains { containsLeapSecondOrYearZero($0.value) }
        default: false
        }
    }
}
