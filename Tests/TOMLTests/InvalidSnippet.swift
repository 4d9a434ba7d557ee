import Testing

/// A document that must be rejected on `line` with a message containing `fragment`.
struct InvalidSnippet: Sendable, CustomTestStringConvertible {
    let text: String
    let line: Int
    let fragment: String
    var testDescription: String { text }
}
