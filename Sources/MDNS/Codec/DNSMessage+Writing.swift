extension DNSMessage {
    /// Encodes the message, compressing repeated names (in rdata too, as mDNS responders do).
    ///
    /// - Throws: ``DNSParseError/Reason/oversized`` when it would exceed 9000 bytes, or
    ///   ``DNSParseError/Reason/badRecordData`` for a TXT string over 255 bytes or more than
    ///   65535 entries in a section.
    public func encoded() throws(DNSParseError) -> [UInt8] {
        var writer = DNSWriter()
        writer.uint16(id)
        var flags: UInt16 = 0
        if isResponse { flags |= 0x8000 }
        flags |= UInt16(opcode & 0xF) << 11
        if isAuthoritative { flags |= 0x0400 }
        if isTruncated { flags |= 0x0200 }
        flags |= UInt16(responseCode & 0xF)
        writer.uint16(flags)
        for count in [questions.count, answers.count, authorities.count, additionals.count] {
            guard count <= Int(UInt16.max) else { throw DNSParseError(.badRecordData, at: writer.bytes.count) }
            writer.uint16(UInt16(count))
        }
        for question in questions {
            writer.name(question.name)
            writer.uint16(question.type.rawValue)
            writer.uint16(question.recordClass & 0x7FFF | (question.unicastResponse ? 0x8000 : 0))
        }
        for record in answers + authorities + additionals { try writer.record(record) }
        guard writer.bytes.count <= Self.maximumSize else { throw DNSParseError(.oversized, at: Self.maximumSize) }
        return writer.bytes
    }
}

/// Builds a packet, remembering where each name suffix was written for compression.
struct DNSWriter {
    private(set) var bytes: [UInt8] = []
    private var suffixOffsets: [DNSName: Int] = [:]

    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func uint32(_ value: UInt32) {
        uint16(UInt16(value >> 16))
        uint16(UInt16(value & 0xFFFF))
    }

    /// Writes `name`, pointing at an earlier copy of its longest known suffix.
    mutating func name(_ name: DNSName) {
        var labels = name.labels[...]
        while !labels.isEmpty {
            let suffix = DNSName(labels: Array(labels))!
            if let earlier = suffixOffsets[suffix] {
                uint16(0xC000 | UInt16(earlier))
                return
            }
            // Pointers reach only the first 16 KiB, which covers every mDNS packet.
            if bytes.count < 0x4000 { suffixOffsets[suffix] = bytes.count }
            let label = labels.removeFirst()
            bytes.append(UInt8(label.count))
            bytes.append(contentsOf: label)
        }
        bytes.append(0)
    }

    mutating func record(_ record: DNSRecord) throws(DNSParseError) {
        name(record.name)
        uint16(record.type.rawValue)
        uint16(record.recordClass & 0x7FFF | (record.cacheFlush ? 0x8000 : 0))
        uint32(record.ttl)
        let lengthOffset = bytes.count
        uint16(0)
        switch record.data {
        case .a(let address): bytes.append(contentsOf: address.bytes)
        case .aaaa(let address): bytes.append(contentsOf: address.bytes)
        case .ptr(let target): name(target)
        case .srv(let priority, let weight, let port, let target):
            uint16(priority)
            uint16(weight)
            uint16(port)
            name(target)
        case .txt(let record): bytes.append(contentsOf: record.wire)
        case .nsec(let next, let types):
            name(next)
            let byWindow = Dictionary(grouping: types.map(\.rawValue)) { $0 >> 8 }
            for window in byWindow.keys.sorted() {
                let low = byWindow[window]!.map { Int($0 & 0xFF) }
                var map = [UInt8](repeating: 0, count: low.max()! / 8 + 1)
                for type in low { map[type / 8] |= 0x80 >> (type % 8) }
                bytes.append(UInt8(window))
                bytes.append(UInt8(map.count))
                bytes.append(contentsOf: map)
            }
        case .other(_, let data): bytes.append(contentsOf: data)
        }
        let length = bytes.count - lengthOffset - 2
        guard length <= Int(UInt16.max) else { throw DNSParseError(.oversized, at: lengthOffset) }
        bytes[lengthOffset] = UInt8(length >> 8)
        bytes[lengthOffset + 1] = UInt8(length & 0xFF)
    }
}
