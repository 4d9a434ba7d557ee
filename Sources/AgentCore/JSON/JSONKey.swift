/// A coding key made from a JSON object's member name or an array position, for coding paths
/// and the containers' `super` keys.
struct JSONKey: CodingKey {
    private let name: String?
    /// The array position, if the key is one.
    let intValue: Int?

    /// The member name, or `Index n` for an array position (as Foundation writes it).
    var stringValue: String {
        name ?? "Index \(intValue ?? 0)"
    }

    /// A key for an object member.
    init(stringValue: String) {
        self.name = stringValue
        self.intValue = nil
    }

    /// A key for an array position.
    init(intValue: Int) {
        self.name = nil
        self.intValue = intValue
    }

    /// The key `superEncoder()` and `superDecoder()` use.
    static let `super` = JSONKey(stringValue: "super")
}
