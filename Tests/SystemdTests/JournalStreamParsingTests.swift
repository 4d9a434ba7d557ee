import Glibc
import Systemd
import Testing

/// Parsing `JOURNAL_STREAM` values and matching them against descriptors, without touching the environment.
@Suite struct JournalStreamParsingTests {
    @Test func deviceAndInodeAreParsed() {
        #expect(JournalStream(parsing: "8:123456") == JournalStream(device: 8, inode: 123_456))
        #expect(JournalStream(parsing: "18446744073709551615:0") == JournalStream(device: .max, inode: 0))
    }

    @Test(arguments: ["", "8", "8:", ":8", "a:b", "1:2:3", "-1:2", " 8:9"])
    func malformedValuesAreRejected(text: String) {
        #expect(JournalStream(parsing: text) == nil)
    }

    @Test func descriptorMatchesOnlyItsOwnIdentity() throws {
        var first: [Int32] = [0, 0]
        var second: [Int32] = [0, 0]
        try #require(pipe(&first) == 0)
        defer {
            close(first[0])
            close(first[1])
        }
        try #require(pipe(&second) == 0)
        defer {
            close(second[0])
            close(second[1])
        }

        var status = stat()
        try #require(fstat(first[0], &status) == 0)
        let identity = JournalStream(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        #expect(identity.matches(descriptor: first[0]))
        #expect(!identity.matches(descriptor: second[0]))
        #expect(!identity.matches(descriptor: -1))
    }
}
