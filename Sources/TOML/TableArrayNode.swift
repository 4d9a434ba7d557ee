/// An array of tables while the document is being parsed; each `[[header]]` appends an element.
final class TableArrayNode {
    /// Where the first `[[header]]` for this array is.
    let location: TOMLSourceLocation
    /// How many tables and arrays enclose this array.
    let depth: Int
    /// The element tables, one per `[[header]]`; never empty once created.
    private(set) var elements: [TableNode] = []

    init(location: TOMLSourceLocation, depth: Int) {
        self.location = location
        self.depth = depth
    }

    /// Adds a new element table defined by the header at `location`, and returns it.
    func appendElement(at location: TOMLSourceLocation) -> TableNode {
        let element = TableNode(state: .explicit, location: location, depth: depth + 1)
        elements.append(element)
        return element
    }
}
