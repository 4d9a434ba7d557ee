/// A parsed JSON document: its own copy of the bytes and the ``JSONNode``s that index them.
/// Strings and numbers are converted when a value asks for them.
final class JSONDocument {
    /// The document's bytes.
    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// The values in document order, then one extra `null` (``missingNode``).
    let nodes: [JSONNode]
    /// A `null` outside the document, decoded for a missing key's `superDecoder(forKey:)`.
    let missingNode: Int

    /// Parses a copy of `source`.
    init(parsing source: some Collection<UInt8>) throws(JSONSyntaxError) {
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(source.count, 1))
        _ = bytes.initialize(from: source)
        var nodes: [JSONNode]
        do {
            nodes = try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[0..<source.count]))
        } catch {
            bytes.deallocate()
            throw error
        }
        missingNode = nodes.count
        nodes.append(JSONNode(kind: .null, isNonASCII: false, start: 0, count: 0, end: UInt32(nodes.count + 1)))
        self.bytes = bytes
        self.nodes = nodes
    }

    deinit {
        bytes.deallocate()
    }

    /// The source bytes of a scalar node (a string's without its quotes).
    func slice(_ node: JSONNode) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start) + Int(node.count)])
    }

    // MARK: Strings

    /// The text of a string node, escapes resolved (the parser has checked them and the UTF-8).
    func string(_ node: JSONNode) -> String {
        let raw = slice(node)
        guard node.kind == .escapedString else {
            return String(decoding: raw, as: UTF8.self)
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                index += 1
                continue
            }
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(hexUnit(raw, at: index))
                index += 4
                if UTF16.isLeadSurrogate(UInt16(scalar)) {
                    let trail = UInt32(hexUnit(raw, at: index + 2))
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (trail - 0xDC00)
                }
                utf8.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            default: utf8.append(escape)
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private func hexUnit(_ raw: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16 {
        var unit: UInt16 = 0
        for offset in 0..<4 {
            unit = unit << 4 | UInt16(JSONParser.hexValue(raw[index + offset]) ?? 0)
        }
        return unit
    }

    /// Whether a key node names `name` (whose bytes are `utf8`): compared as bytes when that
    /// settles it, as Swift strings (canonical equivalence, as Foundation's dictionary of keys
    /// does) otherwise.
    func key(_ node: JSONNode, equals name: String, utf8: UnsafeBufferPointer<UInt8>, nameIsASCII: Bool) -> Bool {
        if node.kind == .string {
            let raw = slice(node)
            if raw.count == utf8.count, raw.elementsEqual(utf8) {
                return true
            }
            if !node.isNonASCII, nameIsASCII {
                return false
            }
        }
        return string(node) == name
    }

    // MARK: Numbers

    /// A number node as an integer of type `Integer`, or nil if it does not fit or has a
    /// fraction, following Foundation: `1.0` and `1e2` are integers, and past 2^53 a fraction
    /// is cut off.
    func integer<Integer: FixedWidthInteger>(_ node: JSONNode, as type: Integer.Type) -> Integer? {
        let raw = slice(node)
        if node.kind == .integer {
            return JSONNumberParsing.integerDigits(raw)
        }
        let double = JSONNumberParsing.nearestDouble(raw)
        guard let value = Integer(exactly: double) else {
            return nil
        }
        if double.magnitude < 9_007_199_254_740_992 {
            return value
        }
        return JSONNumberParsing.truncatedDecimal(raw)
    }

    /// A number node as a `Double`, or nil if it is beyond its range (or rounds to zero while
    /// not zero), as Foundation refuses those.
    func double(_ node: JSONNode) -> Double? {
        JSONNumberParsing.double(slice(node))
    }

    /// A number node as a `Float`, or nil if it is beyond its range (or rounds to zero while not
    /// zero).
    func float(_ node: JSONNode) -> Float? {
        JSONNumberParsing.float(slice(node))
    }

    /// A number node's text, for error messages.
    func text(_ node: JSONNode) -> String {
        String(decoding: slice(node), as: UTF8.self)
    }
}
