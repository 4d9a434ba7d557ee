import TestSupport

/// Damages documents at random: byte replacements, insertions and deletions, truncation, and duplicated,
/// swapped or deleted lines. The result is repaired to valid UTF-8, as any Swift `String` is.
enum DocumentMutator {
    /// Bytes that matter to TOML's grammar, so mutations often produce near-misses rather than noise.
    private static let interestingBytes = Array(
        "[]{}=,.\"'#\\\n\r\t 0123456789abcdefxobeEtnTZz:_+-".utf8
    ) + [0x00, 0x7F, 0xC3, 0xA9]

    static func mutate(_ document: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = document
        for _ in 0..<random.int(in: 1...3) {
            let position = bytes.isEmpty ? 0 : random.int(in: 0...(bytes.count - 1))
            switch random.int(in: 0...7) {
            case 0 where !bytes.isEmpty:
                bytes[position] = random.pick(interestingBytes)
            case 1 where !bytes.isEmpty:
                bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 2:
                bytes.insert(random.pick(interestingBytes), at: min(position, bytes.count))
            case 3 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + random.int(in: 1...4)))
            case 4:
                bytes.removeSubrange(min(position, bytes.count)...)
            default:
                bytes = mutateLines(bytes, using: &random)
            }
        }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// Duplicates, swaps or deletes whole lines, which tends to create duplicate keys and tables.
    private static func mutateLines(_ bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return bytes }
        let first = random.int(in: 0...(lines.count - 1))
        let second = random.int(in: 0...(lines.count - 1))
        switch random.int(in: 0...2) {
        case 0: lines.insert(lines[first], at: second)
        case 1: lines.swapAt(first, second)
        default: lines.remove(at: first)
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
}
