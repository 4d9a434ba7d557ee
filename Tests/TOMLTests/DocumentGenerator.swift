import TestSupport

/// Generates random, mostly valid TOML documents from a seed, covering nested tables, arrays of tables,
/// dotted keys, inline tables, implicit tables, headers written after their sub-tables, comments,
/// CRLF line endings and every scalar type.
///
/// The generator does not predict the parse result: the differential test compares our parser with
/// `tomllib` on the same text.
struct DocumentGenerator {
    /// The shape of a table's content before it is written out.
    indirect enum Node {
        /// A scalar, already written as TOML.
        case scalar(String)
        /// A static array of scalars, arrays and tables.
        case array([Node])
        /// A table's keys in order.
        case table([(key: String, value: Node)])
        /// The element tables of an array of tables.
        case tableArray([[(key: String, value: Node)]])
    }

    var random: SplitMix64
    /// The line ending of the current document, `\n` or `\r\n`.
    var newline = "\n"

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// A new document.
    mutating func makeDocument() -> String {
        newline = random.chance(0.25) ? "\r\n" : "\n"
        let entries = makeEntries(depth: 0)
        var output = random.chance(0.3) ? commentLine() : ""
        writeSection(entries, path: [], header: nil, into: &output)
        return output
    }

    // MARK: - Content

    private mutating func makeEntries(depth: Int) -> [(key: String, value: Node)] {
        let count = random.int(in: 0...(depth == 0 ? 7 : max(1, 5 - depth)))
        var used = Set<[UInt8]>()
        var entries: [(key: String, value: Node)] = []
        for _ in 0..<count {
            let key = makeKeyName()
            guard used.insert(Array(key.utf8)).inserted else { continue }
            entries.append((key, makeNode(depth: depth)))
        }
        return entries
    }

    private mutating func makeNode(depth: Int) -> Node {
        let roll = random.int(in: 0...99)
        switch roll {
        case 0..<50:
            return .scalar(makeScalar())
        case 50..<65:
            return .array(makeArrayElements(depth: depth))
        case 65..<87 where depth < 4:
            return .table(makeEntries(depth: depth + 1))
        case 87..<100 where depth < 4:
            return .tableArray((0..<random.int(in: 1...3)).map { _ in makeEntries(depth: depth + 1) })
        default:
            return .scalar(makeScalar())
        }
    }

    private mutating func makeArrayElements(depth: Int) -> [Node] {
        (0..<random.int(in: 0...4)).map { _ in
            switch random.int(in: 0...9) {
            case 0 where depth < 5: .array(makeArrayElements(depth: depth + 1))
            case 1 where depth < 5: .table(makeEntries(depth: depth + 1))
            default: .scalar(makeScalar())
            }
        }
    }

    // MARK: - Writing sections

    /// Writes a table's header (if any), its key/value lines, then the sections of sub-tables that are
    /// written with headers.
    private mutating func writeSection(
        _ entries: [(key: String, value: Node)], path: [String], header: String?, into output: inout String
    ) {
        var body: [String] = []
        var sectionOutput = ""
        for (name, node) in entries {
            let key = renderKey(name)
            switch node {
            case .scalar, .array:
                body.append(key + " " + whitespace() + "=" + whitespace() + inlineText(node))
            case .table(let children):
                switch random.int(in: 0...3) {
                case 0 where !children.isEmpty:
                    writeDotted(children, prefix: key, into: &body)
                case 1:
                    body.append(key + " = " + inlineText(node))
                default:
                    writeSection(children, path: path + [key], header: "table", into: &sectionOutput)
                }
            case .tableArray(let elements):
                if random.chance(0.25) {
                    body.append(key + " = " + inlineText(node))
                } else {
                    for element in elements {
                        writeSection(element, path: path + [key], header: "array", into: &sectionOutput)
                    }
                }
            }
        }
        var ownOutput = ""
        if let header {
            let name = path.joined(separator: random.pick([".", " . ", "."]))
            let omitHeader = header == "table" && body.isEmpty && !sectionOutput.isEmpty && random.chance(0.3)
            if !omitHeader {
                let text = header == "array" ? "[[" + whitespace() + name + whitespace() + "]]" : "[" + name + "]"
                ownOutput += text + trailingComment() + newline
            }
        }
        for line in body {
            if random.chance(0.1) {
                ownOutput += random.chance(0.5) ? newline : commentLine()
            }
            ownOutput += random.pick(["", "", "  ", "\t"]) + line + trailingComment() + newline
        }
        // A [table] header may follow the headers of its sub-tables; array elements may not move.
        if header == "table" && random.chance(0.15) {
            output += sectionOutput + ownOutput
        } else {
            output += ownOutput + sectionOutput
        }
    }

    /// Writes a table as `prefix.key = value` lines in the current section.
    private mutating func writeDotted(
        _ entries: [(key: String, value: Node)], prefix: String, into body: inout [String]
    ) {
        for (name, node) in entries {
            let key = prefix + random.pick([".", " . ", "\t.", "."]) + renderKey(name)
            if case .table(let children) = node, !children.isEmpty, random.chance(0.6) {
                writeDotted(children, prefix: key, into: &body)
            } else {
                body.append(key + whitespace() + "=" + whitespace() + inlineText(node))
            }
        }
    }

    /// A value written inline: scalars, arrays (possibly over several lines), and inline tables.
    private mutating func inlineText(_ node: Node) -> String {
        switch node {
        case .scalar(let text):
            return text
        case .array(let elements):
            return arrayText(elements.map { inlineText($0) })
        case .table(let entries):
            return inlineTableText(entries)
        case .tableArray(let elements):
            return arrayText(elements.map { inlineTableText($0) })
        }
    }

    private mutating func arrayText(_ elements: [String]) -> String {
        let multiline = random.chance(0.3)
        var text = "[" + whitespace()
        for (index, element) in elements.enumerated() {
            if multiline {
                text += newline + (random.chance(0.2) ? commentLine() : "") + "  "
            }
            text += element + whitespace()
            if index < elements.count - 1 || random.chance(0.3) {
                text += "," + whitespace()
            }
            if multiline && random.chance(0.3) {
                text += trailingComment()
            }
        }
        return text + (multiline ? newline : "") + "]"
    }

    private mutating func inlineTableText(_ entries: [(key: String, value: Node)]) -> String {
        var pairs: [String] = []
        for (name, node) in entries {
            let key = renderKey(name)
            if case .table(let children) = node, !children.isEmpty, random.chance(0.3) {
                var dotted: [String] = []
                writeDotted(children, prefix: key, into: &dotted)
                pairs += dotted
            } else {
                pairs.append(key + whitespace() + "=" + whitespace() + inlineText(node))
            }
        }
        guard !pairs.isEmpty else { return random.pick(["{}", "{ }", "{\t}"]) }
        return "{" + whitespace() + pairs.joined(separator: whitespace() + "," + whitespace()) + whitespace() + "}"
    }

    // MARK: - Whitespace and comments

    mutating func whitespace() -> String {
        random.pick(["", " ", " ", " ", "  ", "\t", " \t"])
    }

    private mutating func trailingComment() -> String {
        random.chance(0.15) ? whitespace() + " #" + commentText() : ""
    }

    private mutating func commentLine() -> String {
        whitespace() + "#" + commentText() + newline
    }

    private mutating func commentText() -> String {
        (0..<random.int(in: 0...4)).map { _ in
            random.pick([" note", "\t", "é", "😀", "#", "\"", "'", "[x]", "= 1", "\u{85}", "{", "\\"])
        }.joined()
    }
}
