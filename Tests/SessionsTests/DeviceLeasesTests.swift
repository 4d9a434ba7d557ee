import AgentCore
import Sessions
import Testing

@Suite struct DeviceLeasesTests {
    static let start = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

    static func at(_ seconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: start.millisecondsSinceEpoch + seconds * 1000)
    }

    @Test func aLeaseKeepsOthersOutUntilItEndsOrIsBroken() throws {
        let leases = DeviceLeases()
        let lease = try leases.lock("/dev/ttyUSB0", for: "bob", duration: .seconds(60), now: Self.start)
        #expect(lease.expires == Self.at(60))
        try leases.check("/dev/ttyUSB0", for: "bob", now: Self.at(1))
        try leases.check("/dev/ttyUSB1", for: "alice", now: Self.at(1))
        #expect { try leases.check("/dev/ttyUSB0", for: "alice", now: Self.at(1)) } throws: { error in
            let failure = error as? RPCFailure
            return failure?.code == .locked && failure?.message.contains("locked by bob") == true
        }
        #expect { try leases.lock("/dev/ttyUSB0", for: "alice", duration: .seconds(5), now: Self.at(2)) } throws: {
            ($0 as? RPCFailure)?.code == .locked
        }
        #expect { try leases.unlock("/dev/ttyUSB0", by: "alice", breaking: false, now: Self.at(2)) } throws: {
            ($0 as? RPCFailure)?.code == .locked
        }
        // Renewing keeps its start.
        let renewed = try leases.lock("/dev/ttyUSB0", for: "bob", duration: .seconds(600), now: Self.at(30))
        #expect(renewed.since == Self.start && renewed.expires == Self.at(630))
        #expect(leases.all(now: Self.at(31)) == [renewed])
        // The owner breaks it.
        try leases.unlock("/dev/ttyUSB0", by: "alice", breaking: true, now: Self.at(40))
        try leases.check("/dev/ttyUSB0", for: "alice", now: Self.at(40))
        #expect(leases.all(now: Self.at(40)).isEmpty)
    }

    @Test func anExpiredLeaseIsGone() throws {
        let leases = DeviceLeases()
        _ = try leases.lock("/dev/ttyACM0", for: "bob", duration: .seconds(10), now: Self.start)
        try leases.check("/dev/ttyACM0", for: "eve", now: Self.at(10))
        let taken = try leases.lock("/dev/ttyACM0", for: "eve", duration: .seconds(10), now: Self.at(11))
        #expect(taken.user == "eve" && taken.since == Self.at(11))
        #expect(leases.all(now: Self.at(30)).isEmpty)
        try leases.unlock("/dev/ttyACM0", by: "bob", breaking: false, now: Self.at(30))
    }

    @Test(arguments: [Duration.zero, .milliseconds(500), .seconds(86_401)])
    func durationsOutOfRangeAreRefused(duration: Duration) {
        #expect { try DeviceLeases().lock("/dev/ttyUSB0", for: "bob", duration: duration) } throws: {
            ($0 as? RPCFailure)?.code == .invalidParams
        }
    }
}
