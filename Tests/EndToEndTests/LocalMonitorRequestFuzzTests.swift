import AgentCore
import ControlClient
import TestSupport
import Testing

/// `POST /v1/sessions/monitor` takes its parameters from whoever can open the control socket:
/// generated bodies, well-formed or not, get a `101` or a JSON error (4xx, or 502 when the port
/// refuses a setting), never a crash or a hang.
@Suite("local monitor request fuzzing", .timeLimit(.minutes(1)))
struct LocalMonitorRequestFuzzTests {
    @Test("generated monitor requests are answered 101 or with a JSON error, and the agent stays up")
    func generatedRequests() async throws {
        let rig = try await LocalMonitorRig.start()
        defer { rig.stop() }
        let client = rig.agent.client()
        var generator = SplitMix64(seed: 0x5E41_A1)
        let bodies = (0..<300).map { _ in Self.body(using: &generator) }
        let outcomes = try await blocking { () -> [Int] in
            var statuses: [Int] = []
            for body in bodies {
                do {
                    // A session that opened ends when this side finishes and the stream is dropped.
                    let stream = try client.openStream("/v1/sessions/monitor", protocol: "pio-serial", body: body)
                    stream.finishWriting()
                    var buffer = [UInt8](repeating: 0, count: 64)
                    while try stream.read(into: &buffer) > 0 {}
                    statuses.append(101)
                } catch let error as ControlClientError {
                    guard case .api(let status, let code, let message) = error.code else { throw error }
                    // 502 device_error: a pty has no modem lines to set.
                    guard (400..<500).contains(status) || (status == 502 && code == "device_error"), !code.isEmpty,
                        !message.isEmpty
                    else {
                        throw TestFailure("\(status) \(code): \(message) for \(String(decoding: body, as: UTF8.self))")
                    }
                    statuses.append(status)
                }
            }
            return statuses
        }
        #expect(outcomes.count == bodies.count)
        #expect(outcomes.contains(101) && outcomes.contains(400) && outcomes.contains(404))
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.devices.serial == 1)
    }

    /// A body: mostly a JSON object of known and unknown keys with values of any type, sometimes
    /// bytes that are not JSON at all.
    static func body(using generator: inout SplitMix64) -> [UInt8] {
        if generator.chance(0.1) {
            return (0..<generator.int(in: 0...40)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        let keys = ["port", "baud", "bytesize", "parity", "stopbits", "rtscts", "xonxoff", "dtr", "rts", "other"]
        var fields: [String: JSONValue] = [:]
        if generator.chance(0.8) { fields["port"] = .string(generator.pick(["null-board", "nope", "", "/dev/null"])) }
        for _ in 0..<generator.int(in: 0...4) {
            fields[generator.pick(keys)] = value(using: &generator)
        }
        return (try? AgentJSON.encode(JSONValue.object(fields))) ?? []
    }

    private static func value(using generator: inout SplitMix64) -> JSONValue {
        switch generator.int(in: 0...5) {
        case 0: .number(Double(generator.pick([0, 1, 5, 8, 9, 300, 115_200, -1, 1.5, 2, 4_000_000])))
        case 1: .string(generator.pick(["N", "E", "x", "", "1", "null-board"]))
        case 2: .bool(generator.chance(0.5))
        case 3: .null
        case 4: .array([.number(1)])
        default: .object(["a": .number(1)])
        }
    }
}
