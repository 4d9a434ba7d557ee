import TestSupport
import Glibc
import Logging
import Systemd
import Testing

extension ProcessWideStateTests {
    /// `JournalLogHandler` and `JournalSender` against a fake journald bound at the fixed journal socket path.
    ///
    /// libsystemd always sends to `/run/systemd/journal/socket`. Where no journald runs and the test runs as root,
    /// the test binds that path itself and reads the native-protocol datagram back; otherwise it is skipped.
    @Suite struct JournalLogHandlerTests {
        static let journalDirectory = "/run/systemd/journal"
        static let journalSocket = "/run/systemd/journal/socket"

        @Test func recordArrivesWithMessagePriorityAndMetadata() throws {
            try Self.withFakeJournal { journal in
                var logger = Logger(label: "systemd-tests.journal") {
                    JournalLogHandler(label: $0, identifier: "pio-agentd", metadataProvider: nil)
                }
                logger[metadataKey: "device"] = "overridden below"
                logger[metadataKey: "agent"] = "test"
                let message: Logger.Message = "board added\nsecond line \(Self.uniqueToken())"
                let line = #line + 1
                logger.info(message, metadata: ["device": "ttyUSB0", "port": "/dev/ttyUSB0"])

                let fields = try Self.receiveRecord(from: journal, message: message.description)
                let values = Dictionary(fields.map { ($0.name, $0.value) }) { first, _ in first }
                #expect(values["MESSAGE"] == message.description)
                #expect(values["PRIORITY"] == "6")
                #expect(values["DEVICE"] == "ttyUSB0")
                #expect(values["PORT"] == "/dev/ttyUSB0")
                #expect(values["AGENT"] == "test")
                #expect(values["SYSLOG_IDENTIFIER"] == "pio-agentd")
                #expect(values["LOGGER"] == "systemd-tests.journal")
                #expect(values["CODE_LINE"] == String(line))
                #expect(values["CODE_FILE"]?.hasSuffix("JournalLogHandlerTests.swift") == true)
                #expect(values["CODE_FUNC"]?.hasPrefix("recordArrivesWithMessagePriorityAndMetadata") == true)
                #expect(fields.filter { $0.name == "MESSAGE" }.count == 1)
            }
        }

        @Test func recordsBelowTheLogLevelAreNotSent() throws {
            try Self.withFakeJournal { journal in
                var logger = Logger(label: "systemd-tests.level") {
                    JournalLogHandler(label: $0, identifier: "pio-agentd", metadataProvider: nil)
                }
                logger.logLevel = .warning
                logger.info("dropped \(Self.uniqueToken())")
                let kept: Logger.Message = "kept \(Self.uniqueToken())"
                logger.error(kept, error: TestFailure("disk full"))

                // Datagrams arrive in order, so the first record of this logger must be the error.
                let fields = try Self.receiveRecord(from: journal, logger: { $0 == "systemd-tests.level" })
                let values = Dictionary(fields.map { ($0.name, $0.value) }) { first, _ in first }
                #expect(values["MESSAGE"] == kept.description)
                #expect(values["PRIORITY"] == "3")
                #expect(values["ERROR_MESSAGE"] == "disk full")
            }
        }

        @Test func refusedRecordThrowsWithErrno() throws {
            // A socket file nobody reads from, as left behind by a crashed journald; in a directory
            // of the test's own, so that nothing else on the machine can touch it meanwhile.
            try TemporaryDirectory.with(prefix: "journal") { directory in
                let path = directory.file("socket")
                let journal = try UnixSocket.boundDatagram(at: path)
                journal.close()
                let error = try #require(throws: SystemdError.self) {
                    try JournalSender.send([JournalField(name: "MESSAGE", value: "refused")], to: path)
                }
                #expect(error.code == .journalSendFailed)
                #expect(error.errno == ECONNREFUSED)
            }
        }

        @Test func handlerMetadataIsReadAndWrittenBySubscript() {
            var handler = JournalLogHandler(label: "l", identifier: "i", metadataProvider: nil)
            handler[metadataKey: "board"] = "b1"
            #expect(handler[metadataKey: "board"] == "b1")
            #expect(handler.metadata == ["board": "b1"])
            #expect(handler.logLevel == .info)
        }

        /// Binds a datagram socket at the journal path for `body`, then closes and removes it.
        private static func withFakeJournal(_ body: (UnixSocket) throws -> Void) throws {
            try Self.withJournalPath {
                let journal = try Self.bindJournalSocket()
                defer {
                    journal.close()
                    unlink(Self.journalSocket)
                }
                try body(journal)
            }
        }

        /// Runs `body` when the journal socket path is free and may be bound, creating its directory if needed
        /// and removing the directory afterwards if this call created it; skips the test otherwise.
        private static func withJournalPath(_ body: () throws -> Void) throws {
            if Files.exists(Self.journalSocket) {
                try SystemTestPolicy.notApplicable(
                    "\(Self.journalSocket) exists (a journald is running); not replacing it with a fake"
                )
            }
            guard TestEnvironment.isRoot else {
                try SystemTestPolicy.notApplicable("binding \(Self.journalSocket) needs root")
            }
            let createdDirectory = mkdir(Self.journalDirectory, 0o755) == 0
            defer {
                if createdDirectory {
                    rmdir(Self.journalDirectory)
                }
            }
            try body()
        }

        /// Binds the journal socket path; skips the test when another process took it first.
        private static func bindJournalSocket() throws -> UnixSocket {
            do {
                return try UnixSocket.boundDatagram(at: Self.journalSocket)
            } catch {
                try SystemTestPolicy.notApplicable("cannot bind \(Self.journalSocket): \(error)")
            }
        }

        /// Receives datagrams until one whose MESSAGE equals `message`; others on the shared path are skipped.
        private static func receiveRecord(from journal: UnixSocket, message: String) throws -> [JournalField] {
            try Self.receiveRecord(from: journal, logger: { _ in true }, matching: { $0 == message })
        }

        /// Receives datagrams until one whose `LOGGER` value satisfies `logger` and whose MESSAGE satisfies
        /// `matching`; at most 100 datagrams, each read bounded by the socket's timeout.
        private static func receiveRecord(
            from journal: UnixSocket,
            logger: (String) -> Bool,
            matching: (String) -> Bool = { _ in true }
        ) throws -> [JournalField] {
            for _ in 0..<100 {
                let fields = try JournalDatagram.parse(journal.receiveDatagram())
                let loggerValue = fields.first { $0.name == "LOGGER" }?.value ?? ""
                let messageValue = fields.first { $0.name == "MESSAGE" }?.value ?? ""
                if logger(loggerValue) && matching(messageValue) {
                    return fields
                }
            }
            throw TestFailure("no matching journal record among 100 datagrams")
        }

        /// A token that makes this run's messages distinguishable from anything else sent to the path.
        private static func uniqueToken() -> String {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return "\(getpid())-\(now.tv_sec).\(now.tv_nsec)"
        }
    }
}
