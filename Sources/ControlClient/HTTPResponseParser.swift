/// An incremental HTTP/1.1 response parser for the control client: status line, headers, and a
/// body framed by `Content-Length`, chunked transfer coding, or the end of the connection.
///
/// It takes bytes as they arrive and returns what they complete, so one parser serves both whole
/// responses and the endless event stream. Malformed input throws; sizes are bounded.
struct HTTPResponseParser {
    /// The status line and headers.
    struct Head: Sendable, Hashable {
        /// One header; the name is lower-cased.
        struct Field: Sendable, Hashable {
            var name: String
            var value: String
        }

        var status: Int
        var reason: String
        var headers: [Field]

        /// The first value of the header `name` (lower-case).
        func value(of name: String) -> String? { headers.first { $0.name == name }?.value }
    }

    /// What a chunk of input completed.
    enum Output: Sendable, Hashable {
        case head(Head)
        case body([UInt8])
        case end
    }

    /// Why the input is not a valid response.
    struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        var description: String
    }

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
        /// After `101 Switching Protocols`: what follows belongs to the new protocol.
        case switched
    }

    /// The largest status line plus headers accepted.
    static let maxHeadBytes = 64 * 1024
    private static let maxLineBytes = 8 * 1024

    private var state = State.head
    private var buffer: [UInt8] = []

    /// Whether the whole response has been read.
    var isComplete: Bool {
        switch state {
        case .done, .switched: return true
        default: return false
        }
    }

    /// Input after a `101 Switching Protocols` head: the first bytes of the new protocol.
    var remainder: [UInt8] { buffer }

    /// Consumes `bytes` and returns what they complete, in order.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws(ParseError) -> [Output] {
        buffer.append(contentsOf: bytes)
        var outputs: [Output] = []
        while let output = try step() {
            outputs.append(output)
        }
        return outputs
    }

    /// The connection ended: completes a body read until close, else the response was cut short.
    mutating func finish() throws(ParseError) -> [Output] {
        switch state {
        case .done, .switched: return []
        case .untilClose:
            state = .done
            return [.end]
        case .head where buffer.isEmpty:
            throw ParseError(description: "connection closed before any response")
        default:
            throw ParseError(description: "connection closed in the middle of the response")
        }
    }

    /// Produces the next output the buffer holds, or nil when more input is needed.
    private mutating func step() throws(ParseError) -> Output? {
        switch state {
        case .head:
            guard let end = find([13, 10, 13, 10]) else {
                if buffer.count > Self.maxHeadBytes { throw ParseError(description: "response head over 64 KiB") }
                return nil
            }
            let head = try Self.parseHead(Array(buffer[..<end]))
            buffer.removeFirst(end + 4)
            state = try Self.bodyState(for: head)
            return .head(head)
        case .fixedBody(let remaining):
            guard remaining > 0 else {
                state = .done
                return .end
            }
            guard !buffer.isEmpty else { return nil }
            let count = min(remaining, buffer.count)
            let chunk = Array(buffer[..<count])
            buffer.removeFirst(count)
            state = .fixedBody(remaining: remaining - count)
            return .body(chunk)
        case .chunkSize:
            guard let line = try takeLine() else { return nil }
            let sizeText = line.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)[0]
            guard !sizeText.isEmpty, sizeText.count <= 15,
                let size = Int(String(decoding: sizeText, as: UTF8.self).trimmingSpaces, radix: 16), size >= 0
            else {
                throw ParseError(description: "bad chunk size line")
            }
            state = size == 0 ? .trailers : .chunkData(remaining: size)
            return try step()
        case .chunkData(let remaining):
            guard !buffer.isEmpty else { return nil }
            let count = min(remaining, buffer.count)
            let chunk = Array(buffer[..<count])
            buffer.removeFirst(count)
            state = count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            return .body(chunk)
        case .chunkDataEnd:
            guard let line = try takeLine() else { return nil }
            guard line.isEmpty else { throw ParseError(description: "chunk data longer than its size") }
            state = .chunkSize
            return try step()
        case .trailers:
            guard let line = try takeLine() else { return nil }
            if line.isEmpty {
                state = .done
                return .end
            }
            return try step()
        case .untilClose:
            guard !buffer.isEmpty else { return nil }
            defer { buffer.removeAll(keepingCapacity: true) }
            return .body(buffer)
        case .switched:
            return nil
        case .done:
            guard buffer.isEmpty else { throw ParseError(description: "bytes after the end of the response") }
            return nil
        }
    }

    private static func parseHead(_ bytes: [UInt8]) throws(ParseError) -> Head {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line in
            line.last == 13 ? line.dropLast() : line
        }
        guard !lines.isEmpty else { throw ParseError(description: "empty response head") }
        let statusLine = String(decoding: lines.removeFirst(), as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0",
            parts[1].count == 3, let status = Int(parts[1]), (100...599).contains(status)
        else {
            throw ParseError(description: "bad status line")
        }
        var headers: [Head.Field] = []
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw ParseError(description: "bad header line")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            guard name.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { throw ParseError(description: "bad header name") }
            let value = String(decoding: line[line.index(after: colon)...], as: UTF8.self).trimmingSpaces
            headers.append(Head.Field(name: name, value: value))
        }
        return Head(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers)
    }

    private static func bodyState(for head: Head) throws(ParseError) -> State {
        if head.status == 101 { return .switched }
        if head.status == 204 || head.status == 304 || (100..<200).contains(head.status) { return .fixedBody(remaining: 0) }
        if let coding = head.value(of: "transfer-encoding") {
            guard coding.lowercased() == "chunked" else { throw ParseError(description: "unsupported transfer coding") }
            return .chunkSize
        }
        if let length = head.value(of: "content-length") {
            guard let count = Int(length), count >= 0 else { throw ParseError(description: "bad content-length") }
            return .fixedBody(remaining: count)
        }
        return .untilClose
    }

    private mutating func takeLine() throws(ParseError) -> [UInt8]? {
        guard let end = find([13, 10]) else {
            if buffer.count > Self.maxLineBytes { throw ParseError(description: "chunk line too long") }
            return nil
        }
        let line = Array(buffer[..<end])
        buffer.removeFirst(end + 2)
        return line
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for start in 0...(buffer.count - pattern.count) where buffer[start] == pattern[0] {
            if buffer[start..<(start + pattern.count)].elementsEqual(pattern) { return start }
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
