/// One value an encoder has produced: a scalar already written, escaped, into the scratch
/// bytes, or a container whose members are put in order (and indented) when the document is
/// written.
enum JSONEncodedValue {
    /// A string, number, `true`, `false` or `null`: its bytes in the scratch buffer.
    case scalar(start: Int, end: Int)
    /// An array.
    case array(JSONArrayBuilder)
    /// An object.
    case object(JSONObjectBuilder)
    /// Whatever a `superEncoder` was given, known once the document is written (an empty
    /// object if it was given nothing, as with Foundation).
    case deferred(JSONTreeEncoder)
}

/// The elements of an array being encoded, in order.
final class JSONArrayBuilder {
    /// The elements so far.
    var elements: [JSONEncodedValue] = []
}

/// The members of an object being encoded, in the order they were encoded; a key encoded twice
/// keeps its last value, and the writer sorts the keys.
final class JSONObjectBuilder {
    /// The members so far.
    var members: [(key: String, value: JSONEncodedValue)] = []

    /// The nested object or array already made for a key, so that asking for a nested container
    /// twice gives the same one (as Foundation does).
    func existingContainer(forKey key: String) -> JSONEncodedValue? {
        for member in members.reversed() where member.key == key {
            switch member.value {
            case .array, .object: return member.value
            case .scalar, .deferred: return nil
            }
        }
        return nil
    }
}
