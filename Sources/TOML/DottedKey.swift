/// A key as written in a document, such as `server."bind address".port`, with where each part is.
struct DottedKey {
    /// One part of a dotted key.
    struct Segment {
        /// The key's name with quotes removed and escapes resolved.
        let name: String
        /// Where the part starts.
        let location: TOMLSourceLocation
    }

    /// The parts, outermost first; never empty.
    let segments: [Segment]

    /// The last part, which names the value itself.
    var last: Segment { segments[segments.count - 1] }

    /// The first `count` parts written back as TOML, quoting parts that are not bare keys.
    func prefixDescription(_ count: Int) -> String {
        segments.prefix(count).map { DottedKey.quotedIfNeeded($0.name) }.joined(separator: ".")
    }

    /// The whole key written back as TOML.
    var description: String { prefixDescription(segments.count) }

    /// `name` as it would be written in a document: bare if possible, otherwise as a basic string.
    static func quotedIfNeeded(_ name: String) -> String {
        if !name.isEmpty, name.utf8.allSatisfy(\.isBareKeyCharacter) {
            return name
        }
        var quoted = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += "\\u" + TOMLParser.codePointName(scalar.value).dropFirst(2)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
