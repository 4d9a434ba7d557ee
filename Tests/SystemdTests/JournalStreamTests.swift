import TestSupport
import Glibc
import Systemd
import Testing

extension ProcessWideStateTests {
    /// `JournalStream.isStandardErrorConnected` with `JOURNAL_STREAM` set by the test.
    @Suite struct JournalStreamTests {
        @Test func matchingStandardErrorIsConnected() throws {
            let identity = try Self.identity(of: STDERR_FILENO)
            ProcessEnvironment.with(["JOURNAL_STREAM": "\(identity.device):\(identity.inode)"]) {
                #expect(JournalStream.fromEnvironment() == identity)
                #expect(JournalStream.isStandardErrorConnected)
            }
        }

        @Test func otherInodeIsNotConnected() throws {
            let identity = try Self.identity(of: STDERR_FILENO)
            ProcessEnvironment.with(["JOURNAL_STREAM": "\(identity.device):\(identity.inode &+ 1)"]) {
                #expect(!JournalStream.isStandardErrorConnected)
            }
        }

        @Test(arguments: [nil, "", "garbage", "1:2:3"] as [String?])
        func missingOrMalformedIsNotConnected(value: String?) {
            ProcessEnvironment.with(["JOURNAL_STREAM": value]) {
                #expect(!JournalStream.isStandardErrorConnected)
            }
        }

        private static func identity(of descriptor: Int32) throws -> JournalStream {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                throw TestFailure.system("fstat \(descriptor)")
            }
            return JournalStream(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        }
    }
}
