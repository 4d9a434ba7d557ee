import Glibc
import NIOCore
import Serial
import TestSupport
import Testing

@Suite("Serial stream")
struct SerialStreamTests {
    /// The size of the bursts, as in the issue's tests.
    static let burstSize = 5 * 1024 * 1024

    @Test("bytes flow both ways in order")
    func bothWays() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { inbound, outbound in
                var received = inbound.makeAsyncIterator()
                for round in 0..<20 {
                    let request = Array("AT+PING=\(round)\r\n".utf8)
                    try await outbound.write(ByteBuffer(bytes: request))
                    #expect(try await blocking { try board.read(count: request.count) } == request)
                    let answer = Array("+PONG:\(round)\r\nOK\r\n".utf8)
                    try await blocking { try board.write(answer) }
                    #expect(try await received.collect(answer.count) == answer)
                }
            }
        }
    }

    @Test("raw mode passes every byte value unchanged both ways (Ctrl-C, CR LF, XON/XOFF, DEL…)")
    func rawMode() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        let everyByte = (0..<2).flatMap { _ in (0...255).map(UInt8.init) } + Array("\r\n\n\r\u{03}\u{04}\u{1a}".utf8)
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { inbound, outbound in
                try await outbound.write(ByteBuffer(bytes: everyByte))
                #expect(try await blocking { try board.read(count: everyByte.count) } == everyByte)
                try await blocking { try board.write(everyByte) }
                var received = inbound.makeAsyncIterator()
                #expect(try await received.collect(everyByte.count) == everyByte)
            }
        }
    }

    @Test("a 5 MiB burst from the board arrives byte for byte through a reader slower than the board")
    func burstFromBoard() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        let size = Self.burstSize
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { inbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask {
                        try await blocking {
                            for offset in stride(from: 0, to: size, by: 256 * 1024) {
                                try board.write(BurstPattern.bytes(from: offset, count: min(256 * 1024, size - offset)))
                            }
                        }
                    }
                    var count = 0
                    var pauses = 0
                    for try await chunk in inbound {
                        let bytes = chunk.readableBytesView
                        if let offset = BurstPattern.firstMismatch(in: bytes, at: count) {
                            Issue.record("byte \(offset) of the burst is out of place")
                            break
                        }
                        count += bytes.count
                        // Slower than the board: a pause every 64 KiB read. The pty holds the board's
                        // writes meanwhile; nothing may be lost.
                        if count / 65_536 > pauses {
                            pauses = count / 65_536
                            try await Task.sleep(for: .milliseconds(2))
                        }
                        if count >= size { break }
                    }
                    #expect(count == size)
                    try await tasks.waitForAll()
                }
            }
        }
    }

    @Test("a 5 MiB burst to the board arrives byte for byte while the board sends one back")
    func burstsBothWays() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        let size = Self.burstSize
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { inbound, outbound in
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask {
                        for offset in stride(from: 0, to: size, by: 64 * 1024) {
                            let bytes = BurstPattern.bytes(from: offset, count: min(64 * 1024, size - offset))
                            try await outbound.write(ByteBuffer(bytes: bytes))
                        }
                    }
                    tasks.addTask {
                        let received = try await blocking {
                            var count = 0
                            try board.read { chunk in
                                if let offset = BurstPattern.firstMismatch(in: chunk, at: count) {
                                    throw TestFailure("byte \(offset) of the burst to the board is out of place")
                                }
                                count += chunk.count
                                return count < size
                            }
                            return count
                        }
                        #expect(received == size)
                    }
                    tasks.addTask {
                        try await blocking {
                            for offset in stride(from: 0, to: size, by: 256 * 1024) {
                                try board.write(BurstPattern.bytes(from: offset, count: min(256 * 1024, size - offset)))
                            }
                        }
                    }
                    var count = 0
                    for try await chunk in inbound {
                        if let offset = BurstPattern.firstMismatch(in: chunk.readableBytesView, at: count) {
                            Issue.record("byte \(offset) of the burst from the board is out of place")
                            break
                        }
                        count += chunk.readableBytes
                        if count >= size { break }
                    }
                    #expect(count == size)
                    try await tasks.waitForAll()
                }
            }
        }
    }

    @Test("unplugging the board ends the stream with device removed, and the port's calls report it")
    func hangUp() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { inbound, outbound in
                var received = inbound.makeAsyncIterator()
                try await blocking { try board.write(Array("boot\r\n".utf8)) }
                #expect(try await received.collect(6) == Array("boot\r\n".utf8))

                board.close()
                let error = await #expect(throws: SerialError.self) {
                    while try await received.next() != nil {}
                }
                #expect(error?.kind == .deviceRemoved)
                #expect(error?.description.hasPrefix("device removed: \(board.devicePath) went away") == true)
                #expect(try await received.next() == nil, "a failed stream stays ended")

                let write = await #expect(throws: SerialError.self) {
                    try await outbound.write(ByteBuffer(string: "anyone there?"))
                }
                #expect(write?.kind == .deviceRemoved)
            }
        }
        #expect(throws: SerialError.self) { try port.settings }
        #expect((try? port.settings) == nil)
        let settings = try #require(throws: SerialError.self) { try port.settings }
        #expect(settings.kind == .deviceRemoved)
        #expect(settings.errno == EIO)
        port.close()
        #expect(openDescriptors(on: board.devicePath).isEmpty)
    }

    @Test("line settings, breaks and purges work while a stream runs")
    func controlDuringStream() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { inbound, outbound in
                let changed = try SerialSettings(baud: 74_880, stopbits: .two, rtscts: true)
                try port.apply(changed)
                #expect(try port.settings == changed)
                try port.setBreak(on: true)
                try port.setBreak(on: false)
                try port.purge(.both)
                try await outbound.write(ByteBuffer(string: "still here\n"))
                #expect(try await blocking { try board.read(count: 11) } == Array("still here\n".utf8))
                try await blocking { try board.write(Array("ok\n".utf8)) }
                var received = inbound.makeAsyncIterator()
                #expect(try await received.collect(3) == Array("ok\n".utf8))
            }
        }
    }

    @Test("purging input discards what the board sent and nobody read")
    func purgeInput() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        defer { port.close() }
        try await blocking { try board.write(Array("stale".utf8)) }
        try await waitUntilReadable(board.devicePath)
        try port.purge(.input)
        try await blocking { try board.write(Array("fresh".utf8)) }
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { inbound, _ in
                var received = inbound.makeAsyncIterator()
                let first = try await received.collect(5)
                #expect(first == Array("fresh".utf8))
            }
        }
    }

    @Test("one stream at a time; its descriptors close when it ends, the port's own at close()")
    func streamDescriptors() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { _, _ in
                #expect(openDescriptors(on: board.devicePath).count == 3, "the port's descriptor and the stream's two")
                await #expect(throws: SerialError(.streamActive, path: board.devicePath)) {
                    try await port.withStream(on: group) { _, _ in }
                }
            }
            #expect(openDescriptors(on: board.devicePath).count == 1)
            try await port.withStream(on: group) { outbound, _ in _ = outbound }
        }
        port.close()
        #expect(openDescriptors(on: board.devicePath).isEmpty)
    }

    @Test("closing the port during a stream keeps it locked until the stream ends")
    func closeDuringStream() async throws {
        let board = try PseudoterminalBoard()
        let port = try SerialPort.open(board.devicePath)
        try await withEventLoopGroup { group in
            try await port.withStream(on: group) { _, outbound in
                port.close()
                #expect(throws: SerialError(.closed, path: board.devicePath)) { try port.settings }
                let busy = try #require(throws: SerialError.self) { try SerialPort.open(board.devicePath) }
                #expect(busy.kind == .busy)
                try await outbound.write(ByteBuffer(string: "last words\n"))
                #expect(try await blocking { try board.read(count: 11) } == Array("last words\n".utf8))
            }
        }
        #expect(openDescriptors(on: board.devicePath).isEmpty)
        let again = try SerialPort.open(board.devicePath)
        again.close()
    }

    /// Waits until the device at `path` has input queued, polling a descriptor of its own (the port's
    /// lock is advisory and root bypasses TIOCEXCL).
    private func waitUntilReadable(_ path: String) async throws {
        try await blocking {
            let descriptor = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { throw TestFailure.system("open \(path)") }
            defer { close(descriptor) }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 10_000) == 1 else { throw TestFailure("no input queued at \(path)") }
        }
    }
}

extension SerialInbound.AsyncIterator {
    /// The next `count` bytes, however they are chunked.
    mutating func collect(_ count: Int) async throws(SerialError) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count, let chunk = try await next() {
            bytes += chunk.readableBytesView
        }
        return bytes
    }
}
