import AgentCore
import ControlAPI
import ControlClient
import Glibc
import Inventory
import TestSupport
import Testing

/// The control server over a real Unix socket, with an in-memory backend.
@Suite struct ControlServerTests {
    static func serial(_ name: String) -> Device {
        .serial(SerialDevice(id: "id-\(name)", name: name, port: "/dev/\(name)", since: .now()))
    }

    @Test func answersStatusDevicesAndOneDevice() async throws {
        try await withControlServer { socketPath, backend in
            await backend.inventory.update(source: .udev, devices: [Self.serial("ttyUSB0"), Self.serial("pts/3")])
            let client = ControlClient(socketPath: socketPath)
            let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
            #expect(status.agent.name == "test-agent")
            #expect(status.devices.serial == 2)
            let list = try await blocking { try client.get("/v1/devices", as: DeviceList.self) }
            #expect(list.devices.map(\.name) == ["pts/3", "ttyUSB0"])
            let byName = try await blocking { try client.get("/v1/devices/ttyUSB0", as: Device.self) }
            #expect(byName.id == "id-ttyUSB0")
            let byEscapedName = try await blocking { try client.get("/v1/devices/pts%2F3", as: Device.self) }
            #expect(byEscapedName.name == "pts/3")
        }
    }

    @Test func unknownPathsAndDevicesAre404WithAJSONError() async throws {
        try await withControlServer { socketPath, _ in
            for path in ["/", "/v2/status", "/v1/devices/ttyUSB9", "/v1/devices/a/b"] {
                let response = try await RawHTTP.exchange(
                    "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", socketPath: socketPath)
                #expect(response.status == 404, "\(path)")
                let error = try AgentJSON.decode(APIErrorBody.self, from: Array(response.body.utf8))
                #expect(error.error.code == "not_found")
            }
        }
    }

    @Test func aWrongMethodIs405WithAllow() async throws {
        try await withControlServer { socketPath, _ in
            let response = try await RawHTTP.exchange(
                "DELETE /v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", socketPath: socketPath)
            #expect(response.status == 405)
            #expect(response.raw.lowercased().contains("allow: get"))
            let reannounce = try await RawHTTP.exchange(
                "GET /v1/reannounce HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", socketPath: socketPath)
            #expect(reannounce.status == 405)
        }
    }

    @Test(arguments: [
        "GARBAGE\r\n\r\n",
        "GET /v1/status HTTP/9.9\r\n\r\n",
        "GET /v1/status HTTP/1.1\r\nHost x\r\n\r\n",
        "GET /v1/devices/%zz HTTP/1.1\r\nConnection: close\r\n\r\n",
        "GET /v1/status HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "POST /v1/reannounce HTTP/1.1\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{nope}x",
        "GET /v1/devices?device=%4 HTTP/1.1\r\nConnection: close\r\n\r\n",
    ])
    func malformedRequestsAre400(request: String) async throws {
        try await withControlServer { socketPath, _ in
            let response = try await RawHTTP.exchange(request, socketPath: socketPath)
            #expect(response.status == 400, "\(response.raw)")
            let error = try AgentJSON.decode(APIErrorBody.self, from: Array(response.body.utf8))
            #expect(error.error.code == "bad_request")
        }
    }

    @Test func aDeclaredBodyOverOneMebibyteIs413BeforeItIsSent() async throws {
        try await withControlServer { socketPath, _ in
            let response = try await RawHTTP.exchange(
                "POST /v1/reannounce HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n", socketPath: socketPath)
            #expect(response.status == 413)
            #expect(response.body.contains("payload_too_large"))
        }
    }

    @Test func aChunkedBodyThatGrowsPastTheLimitIs413() async throws {
        try await withControlServer { socketPath, _ in
            var request = Array("POST /v1/reannounce HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 64 * 1024)
            for _ in 0..<17 {
                request += Array("10000\r\n".utf8) + chunk + Array("\r\n".utf8)
            }
            let response = try await RawHTTP.exchange(request, socketPath: socketPath)
            #expect(response.status == 413)
        }
    }

    @Test func reannounceTakesAQueryOrAJSONBody() async throws {
        try await withControlServer { socketPath, _ in
            let client = ControlClient(socketPath: socketPath)
            let all = try await blocking { try client.post("/v1/reannounce", as: ReannounceResult.self) }
            #expect(all.device == nil)
            let byQuery = try await blocking { try client.post("/v1/reannounce?device=ttyUSB0", as: ReannounceResult.self) }
            #expect(byQuery.device == "ttyUSB0")
            let byBody = try await blocking {
                try client.post("/v1/reannounce", body: Array(#"{"device":"ttyACM1"}"#.utf8), as: ReannounceResult.self)
            }
            #expect(byBody.device == "ttyACM1")
            #expect {
                try client.post("/v1/reannounce?device=refuse", as: ReannounceResult.self)
            } throws: { error in
                guard let error = error as? ControlClientError, case .api(503, "unavailable", _) = error.code else { return false }
                return true
            }
        }
    }

    @Test func aStalledRequestDoesNotHoldUpOthersAndIsAnswered408() async throws {
        try await withControlServer(requestTimeout: .milliseconds(300)) { socketPath, _ in
            let stalled = try UnixSocket.connectedStream(to: socketPath)
            defer { stalled.close() }
            // One answered request first, so the server has surely accepted this connection.
            try stalled.send("GET /v1/status HTTP/1.1\r\n\r\n")
            _ = try await blocking { try stalled.readSome() }
            try stalled.send("POST /v1/reannounce HTTP/1.1\r\nContent-Length: 10\r\n\r\n{\"de")
            let client = ControlClient(socketPath: socketPath, timeout: .seconds(2))
            let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
            #expect(status.control.connections >= 2)
            let answer = RawHTTP.parse(try await blocking { try stalled.readToEnd() })
            #expect(answer.status == 408)
        }
    }

    @Test func anIdleConnectionIsClosed() async throws {
        try await withControlServer(idleTimeout: .milliseconds(200)) { socketPath, _ in
            let idle = try UnixSocket.connectedStream(to: socketPath)
            defer { idle.close() }
            try idle.send("GET /v1/sta")
            let received = try await blocking { try idle.readToEnd() }
            #expect(received.isEmpty)
        }
    }

    @Test func connectionsOverTheLimitAre503() async throws {
        try await withControlServer(maxConnections: 2) { socketPath, _ in
            let first = try UnixSocket.connectedStream(to: socketPath)
            let second = try UnixSocket.connectedStream(to: socketPath)
            defer {
                first.close()
                second.close()
            }
            // Both must be accepted before the third is counted over the limit.
            try first.send("GET /v1/status HTTP/1.1\r\n\r\n")
            try second.send("GET /v1/status HTTP/1.1\r\n\r\n")
            _ = try await blocking { try first.readSome() }
            _ = try await blocking { try second.readSome() }
            let third = try await RawHTTP.exchange("GET /v1/status HTTP/1.1\r\n\r\n", socketPath: socketPath)
            #expect(third.status == 503)
            #expect(third.body.contains("too many control connections"))
            // The connections within the limit are still served.
            try first.send("GET /v1/status HTTP/1.1\r\n\r\n")
            let again = RawHTTP.parse(try await blocking { try first.readSome() })
            #expect(again.status == 200)
        }
    }

    @Test func theEventStreamStartsWithASnapshotAndFollowsChanges() async throws {
        try await withControlServer { socketPath, backend in
            await backend.inventory.update(source: .udev, devices: [Self.serial("ttyUSB0")])
            let client = ControlClient(socketPath: socketPath)
            let events = try await blocking {
                var seen: [InventoryEvent] = []
                try client.followEvents { event in
                    seen.append(event)
                    if event.name == .snapshot {
                        Task { await backend.inventory.update(source: .udev, devices: [Self.serial("ttyACM0")]) }
                    }
                    return seen.count < 3
                }
                return seen
            }
            // One update that swaps devices reports the removal first.
            #expect(events.map(\.name) == [.snapshot, .removed, .added])
            #expect(events[0].devices?.map(\.name) == ["ttyUSB0"])
            #expect(events[1].device?.name == "ttyUSB0")
            #expect(events[2].device?.name == "ttyACM0")
            #expect(events.map(\.sequence) == [1, 2, 3])
        }
    }

    @Test func aStuckEventReaderIsCutOffWithoutBlockingOthers() async throws {
        try await withControlServer { socketPath, backend in
            let stuck = try UnixSocket.connectedStream(to: socketPath)
            defer { stuck.close() }
            try stuck.send("GET /v1/events HTTP/1.1\r\n\r\n")
            _ = try await blocking { try stuck.readSome() }
            // Fill the socket buffers and then the subscription's buffer of 8 events.
            let description = String(repeating: "x", count: 16 * 1024)
            for round in 0..<400 {
                let device = Device.serial(
                    SerialDevice(id: "d", name: "ttyUSB0", port: "/dev/ttyUSB0", description: "\(round)\(description)", since: .now()))
                await backend.inventory.update(source: .udev, devices: [device])
                if backend.inventory.subscriberCount == 0 { break }
            }
            #expect(backend.inventory.subscriberCount == 0)
            let client = ControlClient(socketPath: socketPath)
            let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
            #expect(status.agent.name == "test-agent")
            // The stuck client's stream ends: reading drains what was sent, then end of stream.
            let drained = try await blocking { try stuck.readToEnd() }
            #expect(!drained.isEmpty)
        }
    }
}
