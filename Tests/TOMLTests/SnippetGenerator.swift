import TestSupport

/// Generates short documents from small alphabets, so the comparison with `tomllib` explores the
/// lexical grammar of numbers, date-times, strings and keys, and the table redefinition rules,
/// far more densely than whole generated documents do.
struct SnippetGenerator {
    private var random: SplitMix64
    private var scalars: DocumentGenerator

    /// Statements that define and extend the same few tables in every way TOML allows or forbids.
    private static let statements = [
        "[a]", "[a.b]", "[a.b.c]", "[[a]]", "[[a.b]]", "[[a.b.c]]", "[b]", "[a.c]", "[ a . b ]",
        "a.b = 1", "a.b.c = 2", "b.c = 3", "c = 4", "a = {}", "a = { b = 1 }", "b = { c.d = 1 }", "a = []",
        "a = [{}]", "b = [1]", "c.d = {}", "d = 5", "a.b.d = 6", "b = 7", "a.x = 8", "x.y.z = 9",
    ]

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        scalars = DocumentGenerator(seed: seed ^ 0xA5A5)
    }

    /// `key = ` and a generated scalar, usually with one character replaced, inserted or deleted.
    mutating func makeScalarNearMiss() -> String {
        var characters = Array(scalars.makeScalar())
        if random.chance(0.7) && !characters.isEmpty {
            let position = random.int(in: 0...(characters.count - 1))
            let replacement = random.pick(Array("0123456789_+-.eExobTtZz: \\\"'uU"))
            switch random.int(in: 0...2) {
            case 0: characters[position] = replacement
            case 1: characters.insert(replacement, at: position)
            default: characters.remove(at: position)
            }
        }
        return "key = " + String(characters) + "\n"
    }

    /// `key = ` followed by a short run of characters that numbers and date-times are made of.
    mutating func makeScalarSoup() -> String {
        "key = " + soup(from: "0123456789012345_+-.eExobinfaTtZz: ", maximumLength: 14) + "\n"
    }

    /// `key = ` followed by a short run of quote, escape and hex characters.
    mutating func makeStringSoup() -> String {
        "key = " + soup(from: "\"\"\"'''\\\\ntuUbfr0123456789abcdefABCDEF \t\n#", maximumLength: 14) + "\n"
    }

    /// A short run of key characters, then `= 1`.
    mutating func makeKeySoup() -> String {
        soup(from: "abAB01_-.. \t\"\"''=[]\\", maximumLength: 8) + " = 1\n"
    }

    /// Three to six statements about the same tables, in random order.
    mutating func makeTableSoup() -> String {
        (0..<random.int(in: 3...6)).map { _ in random.pick(Self.statements) + "\n" }.joined()
    }

    private mutating func soup(from alphabet: String, maximumLength: Int) -> String {
        let characters = Array(alphabet)
        return String((0..<random.int(in: 1...maximumLength)).map { _ in random.pick(characters) })
    }
}
