import AgentCore
import ControlClient
import TestSupport
import Testing

/// Throws mutated and random requests at a live control server: every one gets a well-formed
/// answer or a closed connection, and the server keeps serving.
@Suite struct ControlServerFuzzTests {
    static let seeds = [
        "GET /v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "POST /v1/reannounce?device=ttyUSB0 HTTP/1.1\r\nContent-Length: 20\r\nConnection: close\r\n\r\n{\"device\":\"ttyACM0\"}",
        "GET /v1/devices/usb-10C4_EA60-0001 HTTP/1.1\r\nConnection: close\r\n\r\n",
        "POST /v1/reannounce HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    ]

    @Test func mutatedRequestsGetAnAnswerOrAClosedConnection() async throws {
        // Short timeouts: a mutation can leave a request waiting for body bytes that never come.
        try await withControlServer(idleTimeout: .milliseconds(500), requestTimeout: .milliseconds(500)) { socketPath, _ in
            var generator = SplitMix64(seed: 2026)
            let allowed: Set<Int> = [200, 400, 404, 405, 408, 413, 503]
            for round in 0..<300 {
                var request = Array(Self.seeds[round % Self.seeds.count].utf8)
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let index = Int.random(in: 0..<request.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: request[index] = UInt8.random(in: 0...255, using: &generator)
                    case 1: request.remove(at: index)
                    case 2: request.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                    default: request.insert(contentsOf: request[index...].prefix(16), at: index)
                    }
                }
                // A request that no longer ends its head waits for the idle timeout; end it for the server.
                let response = try await RawHTTP.exchange(request + Array("\r\n\r\n".utf8), socketPath: socketPath)
                if let status = response.status {
                    #expect(allowed.contains(status), "round \(round): \(response.raw.prefix(200))")
                    if status >= 400 {
                        #expect(response.body.contains("\"error\""), "round \(round): \(response.raw.prefix(200))")
                    }
                }
            }
            let client = ControlClient(socketPath: socketPath)
            let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
            #expect(status.agent.name == "test-agent")
        }
    }
}
