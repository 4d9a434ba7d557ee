import AgentCore
import ControlClient
import RemoteClient
import TestSupport
import Testing

/// `device.lock` and `device.unlock` through the broker: a lease keeps other users off a board.
@Suite("Device leases", .timeLimit(.minutes(1)))
struct DeviceLeaseTests {
    @Test("a lease refuses other users' monitors naming the holder, is listed, and the owner can break it")
    func leaseKeepsOthersOut() async throws {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        // alice owns the agent; bob is in its share list.
        let agent = try await RemoteMonitorTests.agent(broker, board: board)
        defer { agent.terminate() }
        try await RemoteMonitorTests.withUser(broker, "bob") { bob in
            let lease: DeviceLease = try await bob.requester.call(
                "device.lock", params: ["port": "null-board", "ttl_s": 600], on: "farm1", as: DeviceLease.self,
                deadline: .now + .seconds(5))
            #expect(lease.port == board.devicePath && lease.user == "bob")
            let listed = try await agent.client().sessionList()
            #expect(listed.leases == [lease])
            #expect(try await agent.status().leases == [lease])
            try await RemoteMonitorTests.withUser(broker, "alice") { alice in
                await #expect {
                    _ = try await alice.open(["port": "null-board"])
                } throws: { error in
                    let failure = (error as? RemoteClientError)?.rpc
                    return failure?.code == .locked && failure?.message.contains("locked by bob") == true
                }
                // The holder's own monitor is welcome.
                let monitor = try await bob.open(["port": "null-board"])
                try await RemoteMonitorTests.running(monitor) {
                    let _: JSONValue = try await bob.requester.call(
                        "session.close", params: ["session": .string(monitor.opened.session.rawValue)], on: "farm1",
                        as: JSONValue.self, deadline: .now + .seconds(5))
                }
                try await agent.log.wait(for: "reason=closed by the user")
                // The owner breaks the lease, and then the port is hers to open.
                let _: JSONValue = try await alice.requester.call(
                    "device.unlock", params: ["port": "null-board"], on: "farm1", as: JSONValue.self,
                    deadline: .now + .seconds(5))
                #expect(try await agent.client().sessionList().leases.isEmpty)
                let hers = try await alice.open(["port": "null-board"])
                #expect(hers.opened.port == board.devicePath)
            }
        }
    }
}

extension DeviceLeaseTests {
    @Test("pioctl remote device lock and unlock: the lease as text and JSON, and another user refused meanwhile")
    func lockAndUnlockCommands() async throws {
        let rig = try await MonitorCommandRig.start()
        defer { rig.stop() }
        let locked = try await rig.run(["remote", "device", "lock", "-p", "null-board", "--ttl", "120", "--json"])
        #expect(locked.status == 0, "\(locked)")
        let lease = try AgentJSON.decode(DeviceLease.self, from: Array(locked.standardOutput.utf8))
        #expect(lease.user == "bob" && lease.port == rig.board.devicePath)
        try await RemoteMonitorTests.withUser(rig.broker, "alice") { alice in
            await #expect {
                _ = try await alice.open(["port": "null-board"])
            } throws: { ($0 as? RemoteClientError)?.rpc?.code == .locked }
        }
        let unlocked = try await rig.run(["remote", "device", "unlock", "-p", "null-board"])
        #expect(unlocked.status == 0 && unlocked.standardOutput.contains("is unlocked"), "\(unlocked)")
        #expect(try await rig.agent.client().sessionList().leases.isEmpty)
    }
}

extension ControlClient {
    /// `GET /v1/sessions`.
    func sessionList() async throws -> SessionList {
        try await blocking { try self.get("/v1/sessions", as: SessionList.self) }
    }
}

/// `pioctl remote device reset`.
@Suite("pioctl remote device reset", .timeLimit(.minutes(1)))
struct RemoteDeviceResetTests {
    @Test("the pulse sequence runs on the agent's port and leaves the lines as it ends; a pty refuses it clearly")
    func reset() async throws {
        // The loopback shows what reached the port's lines: classic ends with DTR and RTS high.
        let rig = try await MonitorCommandRig.start(modemLines: "loopback")
        defer { rig.stop() }
        let done = try await rig.run(["remote", "device", "reset", "-p", "null-board", "--style", "classic"])
        #expect(done.status == 0 && done.standardOutput.contains("reset (classic)"), "\(done)")
        try await RemoteMonitorTests.withUser(rig.broker, "bob") { bob in
            let monitor = try await bob.open(["port": "null-board"])
            #expect(monitor.opened.modem == ["dtr": true, "rts": true, "cts": true, "dsr": true, "ri": false, "cd": true])
            let _: JSONValue = try await bob.requester.call(
                "session.close", params: ["session": .string(monitor.opened.session.rawValue)], on: "farm1",
                as: JSONValue.self, deadline: .now + .seconds(5))
        }
        try await rig.agent.log.wait(timeout: .seconds(10)) { $0.split(separator: "reason=closed by the user", omittingEmptySubsequences: false).count == 3 }

        let plain = try await MonitorCommandRig.start()
        defer { plain.stop() }
        let refused = try await plain.run(["remote", "device", "reset", "-p", "null-board"])
        #expect(refused.status == 1 && refused.standardError.contains("device_error"), "\(refused)")
        try await plain.agent.log.wait(for: "reason=closed by the user")
    }
}
