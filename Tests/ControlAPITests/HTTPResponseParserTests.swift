@testable import ControlClient
import TestSupport
import Testing

@Suite struct HTTPResponseParserTests {
    static let fixed = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"b\"}\r\n".utf8)
    static let chunked = Array(
        "HTTP/1.1 200 OK\r\ncontent-type: application/x-ndjson\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: y\r\n\r\n".utf8)

    static func parseAll(_ bytes: [UInt8], splitAt cuts: [Int] = []) throws -> (HTTPResponseParser.Head?, [UInt8], Bool) {
        var parser = HTTPResponseParser()
        var head: HTTPResponseParser.Head?
        var body: [UInt8] = []
        var ended = false
        var start = 0
        for cut in (cuts + [bytes.count]).sorted() where cut >= start {
            for output in try parser.feed(bytes[start..<cut]) {
                switch output {
                case .head(let value): head = value
                case .body(let chunk): body += chunk
                case .end: ended = true
                }
            }
            start = cut
        }
        if !parser.isComplete {
            for output in try parser.finish() where output == .end { ended = true }
        }
        return (head, body, ended)
    }

    @Test func readsAContentLengthBody() throws {
        let (head, body, ended) = try Self.parseAll(Self.fixed)
        #expect(head?.status == 200)
        #expect(head?.value(of: "content-type") == "application/json")
        #expect(String(decoding: body, as: UTF8.self) == "{\"a\":\"b\"}\r\n")
        #expect(ended)
    }

    @Test func readsAChunkedBodyWithExtensionsAndTrailers() throws {
        let (head, body, ended) = try Self.parseAll(Self.chunked)
        #expect(head?.status == 200)
        #expect(String(decoding: body, as: UTF8.self) == "hello, world")
        #expect(ended)
    }

    @Test func readsABodyThatEndsWithTheConnection() throws {
        let (head, body, ended) = try Self.parseAll(Array("HTTP/1.0 404 Not Found\r\n\r\nnope".utf8))
        #expect(head?.status == 404)
        #expect(String(decoding: body, as: UTF8.self) == "nope")
        #expect(ended)
    }

    @Test func anyWayOfSplittingTheInputGivesTheSameResult() throws {
        var generator = SplitMix64(seed: 7)
        for input in [Self.fixed, Self.chunked] {
            let expected = try Self.parseAll(input)
            for _ in 0..<500 {
                let cuts = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Int.random(in: 0...input.count, using: &generator) }
                let split = try Self.parseAll(input, splitAt: cuts)
                #expect(split.0 == expected.0)
                #expect(split.1 == expected.1)
                #expect(split.2 == expected.2)
            }
        }
    }

    @Test(arguments: [
        "HTTP/1.1 20 OK\r\n\r\n", "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nbad header\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab",
    ])
    func rejectsMalformedResponses(text: String) {
        #expect(throws: HTTPResponseParser.ParseError.self) { _ = try Self.parseAll(Array(text.utf8)) }
    }

    @Test func aTruncatedResponseIsAnErrorAtEndOfStream() {
        #expect(throws: HTTPResponseParser.ParseError.self) { _ = try Self.parseAll(Array(Self.fixed.dropLast(3))) }
        #expect(throws: HTTPResponseParser.ParseError.self) { _ = try Self.parseAll([]) }
    }

    @Test func randomGarbageNeverCrashesAndHeadsStayBounded() {
        var generator = SplitMix64(seed: 99)
        for _ in 0..<3_000 {
            var input = Bool.random(using: &generator) ? Self.chunked : Self.fixed
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<input.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: input[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: input.remove(at: index)
                default: input.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                }
            }
            _ = try? Self.parseAll(input)
        }
        var parser = HTTPResponseParser()
        #expect(throws: HTTPResponseParser.ParseError.self) {
            _ = try parser.feed([UInt8](repeating: UInt8(ascii: "a"), count: HTTPResponseParser.maxHeadBytes + 1))
        }
    }
}
