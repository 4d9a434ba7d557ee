import AgentCore
import TestSupport

/// Random JSON values for property tests: strings full of characters that need escaping or are
/// not ASCII, doubles of every magnitude, nesting.
struct RandomJSON {
    var generator: SplitMix64

    /// A generator from a seed.
    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    private static let characters: [String] = [
        "a", "b", "z", "A", "Z", "0", "9", " ", "_", "-", ".", ":", ",", "{", "}", "[", "]",
        "\"", "\\", "/", "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}", "\r", "\u{1B}",
        "\u{1F}", "\u{7F}", "é", "ß", "ñ", "中", "文", "😀", "👩‍💻", "\u{2028}", "\u{FEFF}", "e\u{301}",
        "\u{10FFFF}", "\u{80}", "\u{FFFD}",
    ]

    /// A string of up to `maximumLength` characters.
    mutating func string(maximumLength: Int = 12) -> String {
        let length = generator.int(in: 0...maximumLength)
        return (0..<length).map { _ in generator.pick(Self.characters) }.joined()
    }

    /// A finite double: integral, huge, tiny, negative zero, random bits.
    mutating func double() -> Double {
        switch generator.int(in: 0...9) {
        case 0: return Double(generator.int(in: -1_000_000...1_000_000))
        case 1: return Double(generator.int(in: -100...100)) / 8
        case 2: return generator.pick([0, -0.0, 1e20, 1e-7, 1e16, 1e15, 9_007_199_254_740_992, 115200, 0.1, 1e300, .leastNonzeroMagnitude, 1.7976931348623157e308, 2.2250738585072014e-308, 123456789012345683968])
        case 3: return Double.random(in: -1e-5...1e-5, using: &generator)
        case 4: return Double.random(in: -1e25...1e25, using: &generator)
        case 5: return Double(Float.random(in: -1000...1000, using: &generator))
        case 6: return Double(generator.int(in: Int.min...Int.max))
        default:
            while true {
                let value = Double(bitPattern: generator.next())
                if value.isFinite { return value }
            }
        }
    }

    /// A JSON value nested at most `depth` deep.
    mutating func value(depth: Int = 4) -> JSONValue {
        let choice = generator.int(in: 0...(depth > 0 ? 7 : 4))
        switch choice {
        case 0: return .null
        case 1: return .bool(generator.chance(0.5))
        case 2: return .number(double())
        case 3, 4: return .string(string())
        case 5: return .array((0..<generator.int(in: 0...5)).map { _ in value(depth: depth - 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<generator.int(in: 0...6) {
                object[string(maximumLength: 6)] = value(depth: depth - 1)
            }
            return .object(object)
        }
    }
}
