import Testing

/// A document that must parse, and its expected content in ``ReadableForm``.
struct ValidSnippet: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: String
    var testDescription: String { text }
}
