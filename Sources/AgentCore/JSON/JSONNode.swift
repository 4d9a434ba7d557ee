/// One value of a parsed JSON document, in a flat array in document order: a container is
/// followed by its elements (an object by key, value, key, value…), and `end` skips past them.
struct JSONNode {
    /// What the value is.
    enum Kind: UInt8 {
        case null
        case `false`
        case `true`
        /// A number without a fraction or an exponent.
        case integer
        /// A number with a fraction or an exponent.
        case number
        /// A string without escapes.
        case string
        /// A string with at least one escape.
        case escapedString
        case array
        case object
    }

    /// What the value is.
    var kind: Kind
    /// Whether a string has bytes outside ASCII (in the source, before unescaping).
    var isNonASCII: Bool
    /// Where the value's bytes begin: a string's after its opening quote.
    var start: UInt32
    /// A scalar's length in bytes (a string's without the quotes); a container's element count
    /// (an object's member count).
    var count: UInt32
    /// The index of the node after this value and everything in it.
    var end: UInt32

    /// How errors name the kind of value found, as Foundation does.
    var kindDescription: String {
        switch kind {
        case .null: "null"
        case .false, .true: "bool"
        case .integer, .number: "number"
        case .string, .escapedString: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }
}
