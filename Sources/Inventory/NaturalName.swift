/// A name that sorts digits by value, so `ttyUSB2` comes before `ttyUSB10`.
struct NaturalName: Comparable {
    private let parts: [Part]

    private enum Part: Comparable {
        case number(UInt64, digits: Int)
        case text(String)
    }

    init(_ name: String) {
        var parts: [Part] = []
        var current = ""
        var currentIsDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            if currentIsDigits, let value = UInt64(current) {
                parts.append(.number(value, digits: current.count))
            } else {
                parts.append(.text(current))
            }
            current = ""
        }
        for character in name {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != currentIsDigits { flush() }
            currentIsDigits = isDigit
            current.append(character)
        }
        flush()
        self.parts = parts
    }

    static func < (lhs: NaturalName, rhs: NaturalName) -> Bool {
        for (left, right) in zip(lhs.parts, rhs.parts) where left != right {
            switch (left, right) {
            case (.number, .text): return true
            case (.text, .number): return false
            default: return left < right
            }
        }
        return lhs.parts.count < rhs.parts.count
    }
}
