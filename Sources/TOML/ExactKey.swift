/// A table key compared by its exact Unicode scalars.
///
/// Swift's `String` equality treats canonically equivalent strings such as "é" and "e\u{301}" as equal,
/// but TOML keys are different keys unless their code points are identical.
struct ExactKey: Hashable, Sendable {
    /// The key's UTF-8 encoding.
    let utf8: [UInt8]

    /// Creates the exact key for `name`.
    init(_ name: String) {
        utf8 = Array(name.utf8)
    }
}
