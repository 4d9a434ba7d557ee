/// One `NAME=value` pair of a journal record.
public struct JournalField: Hashable, Sendable {
    /// The field name: `A`–`Z`, `0`–`9` and `_`, starting with a letter, at most 64 characters.
    public let name: String
    /// The field value; it may span several lines.
    public let value: String

    /// Creates a field.
    ///
    /// `name` must already be a valid journal field name; ``JournalFields/fieldName(forMetadataKey:)`` makes one.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
