import Flashing
import Glibc
import Synchronization
import TestSupport
import Testing

@Suite("flasher tool runs", .timeLimit(.minutes(1)))
struct ToolRunTests {
    final class Collected: Sendable {
        private let bytes = Mutex<[UInt8]>([])
        func append(_ chunk: [UInt8]) { bytes.withLock { $0 += chunk } }
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
    }

    @Test func outputOfBothStreamsArrivesAndTheExitStatusIsKept() async throws {
        let collected = Collected()
        let outcome = try await ToolRun.run(
            ["/bin/sh", "-c", "echo out; echo err >&2; read line || echo no-input; exit 3"], environment: [],
            timeout: .seconds(20), output: collected.append)
        #expect(outcome.exitStatus == 3 && !outcome.timedOut && !outcome.succeeded)
        #expect(collected.text == "out\nerr\nno-input\n")
    }

    @Test func aHungToolIsEndedWithEverythingItStartedWhenItsTimeIsUp() async throws {
        let directory = try TemporaryDirectory(prefix: "hung-tool")
        defer { directory.remove() }
        let pids = directory.file("pids")
        let collected = Collected()
        let outcome = try await ToolRun.run(
            ["/bin/sh", "-c", "sleep 30 & echo $! > \(pids); echo $$ >> \(pids); echo started; wait"], environment: [],
            timeout: .milliseconds(300), output: collected.append)
        #expect(outcome.timedOut && outcome.signal == SIGTERM && !outcome.succeeded, "\(outcome)")
        #expect(collected.text == "started\n")
        let started = try Files.read(pids).split(separator: "\n").compactMap { pid_t($0) }
        #expect(started.count == 2)
        for pid in started {
            // Reaped (the shell), or dead and waiting for init to reap it (the orphaned sleep).
            #expect(Self.isDead(pid), "pid \(pid) still runs")
        }
    }

    @Test func cancellingTheTaskEndsTheTool() async throws {
        let (chunks, sink) = AsyncStream.makeStream(of: [UInt8].self)
        let run = Task {
            try await ToolRun.run(
                ["/bin/sh", "-c", "echo begun; exec sleep 30"], environment: [], timeout: .seconds(60), output: { sink.yield($0) })
        }
        var iterator = chunks.makeAsyncIterator()
        #expect(await iterator.next() == Array("begun\n".utf8))
        run.cancel()
        let outcome = try await run.value
        #expect(!outcome.timedOut && outcome.signal == SIGTERM, "\(outcome)")
    }

    /// Whether `pid` is gone or a zombie.
    static func isDead(_ pid: pid_t) -> Bool {
        guard let stat = try? Files.read("/proc/\(pid)/stat") else { return true }
        // The state follows the command name, which is in parentheses.
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].dropFirst().first == "Z"
    }

    @Test func aProgramThatCannotStartIsAClearError() async {
        await #expect {
            try await ToolRun.run(["/nonexistent/flasher"], environment: [], timeout: .seconds(1), output: { _ in })
        } throws: { ($0 as? FlashingError)?.kind == .missingTool && "\($0)".contains("/nonexistent/flasher") }
    }
}
