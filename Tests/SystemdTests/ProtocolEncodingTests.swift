import Glibc
import Systemd
import TestSupport
import Testing

extension ProcessWideStateTests {
    /// The service-manager protocols implemented in CSystemd, checked on the wire.
    @Suite struct ProtocolEncodingTests {
        @Test func notifyReachesAnAbstractSocket() throws {
            let name = "@pio-notify-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let manager = try UnixSocket.boundDatagram(at: name)
            defer { manager.close() }
            try ProcessEnvironment.with(["NOTIFY_SOCKET": name]) {
                let sent = try SystemdNotifier().notify(.ready)
                let datagram = try manager.receiveDatagram()
                #expect(sent)
                #expect(String(decoding: datagram, as: UTF8.self) == "READY=1")
            }
        }

        @Test func journalFieldsUseTheBinarySafeFormOnlyForLineBreaks() throws {
            try TemporaryDirectory.with(prefix: "journal") { directory in
                let journal = try UnixSocket.boundDatagram(at: directory.file("journal.sock"))
                defer { journal.close() }
                let fields = [
                    JournalField(name: "MESSAGE", value: "two\nlines"), JournalField(name: "PRIORITY", value: "6"),
                    JournalField(name: "EMPTY", value: ""),
                ]
                try JournalSender.send(fields, to: directory.file("journal.sock"))
                let datagram = try journal.receiveDatagram()
                #expect(try JournalDatagram.parse(datagram) == fields)
                // PRIORITY is plain text; MESSAGE carries its length.
                #expect(String(decoding: datagram, as: UTF8.self).contains("PRIORITY=6\n"))
                #expect(!String(decoding: datagram, as: UTF8.self).contains("MESSAGE="))
            }
        }

        @Test func aRecordLargerThanADatagramGoesAsASealedMemoryFile() throws {
            try TemporaryDirectory.with(prefix: "journal") { directory in
                let journal = try UnixSocket.boundDatagram(at: directory.file("journal.sock"))
                defer { journal.close() }
                let large = String(repeating: "x", count: 400_000)
                let fields = [JournalField(name: "MESSAGE", value: large), JournalField(name: "PRIORITY", value: "3")]
                try JournalSender.send(fields, to: directory.file("journal.sock"))
                let memory = try #require(try journal.receiveDescriptor())
                defer { close(memory) }
                // F_GET_SEALS (1024 + 10) and F_SEAL_WRITE (8) are not imported into Swift.
                #expect(fcntl(memory, 1024 + 10) & 8 != 0)
                var contents: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 65_536)
                lseek(memory, 0, SEEK_SET)
                while case let count = read(memory, &chunk, chunk.count), count > 0 { contents += chunk[..<count] }
                #expect(try JournalDatagram.parse(contents) == fields)
            }
        }

        @Test func aMissingJournalDropsTheRecordWithoutAnError() throws {
            try TemporaryDirectory.with(prefix: "journal") { directory in
                try JournalSender.send([JournalField(name: "MESSAGE", value: "lost")], to: directory.file("none.sock"))
            }
        }
    }
}
