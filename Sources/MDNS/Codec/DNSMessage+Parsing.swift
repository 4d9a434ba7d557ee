extension DNSMessage {
    /// The smallest wire size of a question (root name, type, class) and of a record.
    private static let minimumQuestionSize = 5
    private static let minimumRecordSize = 11

    /// Decodes a packet.
    ///
    /// Every read is bounds-checked; compression pointers must point backwards, so a loop is
    /// impossible; section counts are checked against the packet's size before anything is
    /// allocated for them.
    ///
    /// - Throws: ``DNSParseError`` saying what is wrong and where.
    public init(parsing bytes: [UInt8]) throws(DNSParseError) {
        guard bytes.count <= Self.maximumSize else { throw DNSParseError(.oversized, at: Self.maximumSize) }
        var reader = DNSReader(bytes: bytes)
        let id = try reader.uint16()
        let flags = try reader.uint16()
        let counts = [try reader.uint16(), try reader.uint16(), try reader.uint16(), try reader.uint16()].map(Int.init)
        let needed = counts[0] * Self.minimumQuestionSize + (counts[1] + counts[2] + counts[3]) * Self.minimumRecordSize
        guard needed <= bytes.count - reader.offset else { throw DNSParseError(.impossibleCounts, at: 4) }
        var questions: [DNSQuestion] = []
        questions.reserveCapacity(counts[0])
        for _ in 0..<counts[0] {
            let name = try reader.name()
            let type = DNSRecordType(rawValue: try reader.uint16())
            let rawClass = try reader.uint16()
            questions.append(
                DNSQuestion(name: name, type: type, recordClass: rawClass & 0x7FFF, unicastResponse: rawClass & 0x8000 != 0))
        }
        var sections: [[DNSRecord]] = []
        for count in counts[1...] {
            var records: [DNSRecord] = []
            records.reserveCapacity(count)
            for _ in 0..<count { records.append(try reader.record()) }
            sections.append(records)
        }
        self.init(
            id: id, isResponse: flags & 0x8000 != 0, opcode: UInt8((flags >> 11) & 0xF),
            isAuthoritative: flags & 0x0400 != 0, isTruncated: flags & 0x0200 != 0, responseCode: UInt8(flags & 0xF),
            questions: questions, answers: sections[0], authorities: sections[1], additionals: sections[2])
    }
}

/// A bounds-checked cursor over a packet.
struct DNSReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func uint8() throws(DNSParseError) -> UInt8 {
        guard offset < bytes.count else { throw DNSParseError(.truncated, at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16() throws(DNSParseError) -> UInt16 {
        UInt16(try uint8()) << 8 | UInt16(try uint8())
    }

    mutating func uint32() throws(DNSParseError) -> UInt32 {
        UInt32(try uint16()) << 16 | UInt32(try uint16())
    }

    mutating func take(_ count: Int) throws(DNSParseError) -> [UInt8] {
        guard count >= 0, count <= bytes.count - offset else { throw DNSParseError(.truncated, at: offset) }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// A name at the cursor, following compression pointers (which must point before the
    /// place they are read from); the cursor ends after the name's first pointer or its root.
    mutating func name() throws(DNSParseError) -> DNSName {
        var wire: [UInt8] = []
        var position = offset
        var resumeAt: Int?
        while true {
            guard position < bytes.count else { throw DNSParseError(.truncated, at: position) }
            let length = Int(bytes[position])
            switch length & 0xC0 {
            case 0x00:
                if length == 0 {
                    offset = resumeAt ?? position + 1
                    return DNSName(checkedWire: wire)
                }
                guard length <= bytes.count - position - 1 else { throw DNSParseError(.truncated, at: position) }
                guard wire.count + length + 2 <= DNSName.maximumWireLength else { throw DNSParseError(.badName, at: position) }
                wire.append(contentsOf: bytes[position...(position + length)])
                position += length + 1
            case 0xC0:
                guard position + 1 < bytes.count else { throw DNSParseError(.truncated, at: position) }
                let target = (length & 0x3F) << 8 | Int(bytes[position + 1])
                // Only backwards: each jump lands strictly earlier, so there can be no loop.
                guard target < position else { throw DNSParseError(.badPointer, at: position) }
                if resumeAt == nil { resumeAt = position + 2 }
                position = target
            default:
                throw DNSParseError(.badName, at: position)
            }
        }
    }

    /// A resource record at the cursor.
    mutating func record() throws(DNSParseError) -> DNSRecord {
        let name = try name()
        let type = DNSRecordType(rawValue: try uint16())
        let rawClass = try uint16()
        let ttl = try uint32()
        let length = Int(try uint16())
        let start = offset
        guard length <= bytes.count - start else { throw DNSParseError(.truncated, at: start) }
        let end = start + length
        let data: DNSRecordData
        switch type {
        case .a:
            guard let address = IPv4Address(bytes: try take(length)) else { throw DNSParseError(.badRecordData, at: start) }
            data = .a(address)
        case .aaaa:
            guard let address = IPv6Address(bytes: try take(length)) else { throw DNSParseError(.badRecordData, at: start) }
            data = .aaaa(address)
        case .ptr:
            data = .ptr(try self.name())
        case .srv:
            let priority = try uint16()
            let weight = try uint16()
            let port = try uint16()
            data = .srv(priority: priority, weight: weight, port: port, target: try self.name())
        case .txt:
            let start = offset
            while offset < end {
                let count = Int(try uint8())
                guard count <= end - offset else { throw DNSParseError(.badRecordData, at: offset - 1) }
                offset += count
            }
            data = .txt(TXTRecord(checkedWire: Array(bytes[start..<end])))
        case .nsec:
            let next = try self.name()
            var types: [DNSRecordType] = []
            while offset < end {
                let window = Int(try uint8())
                let mapLength = Int(try uint8())
                guard (1...32).contains(mapLength), mapLength <= end - offset else {
                    throw DNSParseError(.badRecordData, at: offset - 1)
                }
                for (index, byte) in try take(mapLength).enumerated() {
                    for bit in 0..<8 where byte & (0x80 >> bit) != 0 {
                        types.append(DNSRecordType(rawValue: UInt16(window * 256 + index * 8 + bit)))
                    }
                }
            }
            data = .nsec(next: next, types: types)
        default:
            data = .other(type: type, bytes: try take(length))
        }
        // A name inside the data must end exactly where the data does.
        guard offset == end else { throw DNSParseError(.badRecordData, at: start) }
        return DNSRecord(name: name, data: data, ttl: ttl, recordClass: rawClass & 0x7FFF, cacheFlush: rawClass & 0x8000 != 0)
    }
}
