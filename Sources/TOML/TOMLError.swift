/// A problem in a TOML document, with the place it was found.
///
/// The parser throws this for syntax and redefinition errors. Code that checks a parsed document
/// (wrong type, unknown key, bad value) can throw it too, using the ``TOMLValue/location`` of the
/// offending value, so every configuration error names a line.
public struct TOMLError: Error, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public let location: TOMLSourceLocation
    /// What is wrong and, where possible, how to fix it.
    public let message: String

    /// Creates an error at `location` with a human-readable `message`.
    public init(location: TOMLSourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// The error as `line 3, column 7: <message>`.
    public var description: String {
        "\(location): \(message)"
    }
}
