import AgentCore
import Inventory
import Testing

@Suite struct InventoryTests {
    static func serial(_ name: String, id: String? = nil, description: String = "n/a", present: Bool = true,
                       source: DeviceSource = .udev, since: Int64 = 1) -> Device {
        .serial(SerialDevice(
            id: id ?? name, name: name, port: "/dev/\(name)", description: description, present: present, source: source,
            since: Timestamp(millisecondsSinceEpoch: since)))
    }

    @Test func anUpdateReportsWhatWasAddedRemovedAndChanged() async {
        let inventory = Inventory()
        #expect(await inventory.update(source: .udev, devices: [Self.serial("ttyUSB0"), Self.serial("ttyUSB1")])
            == InventoryChanges(added: 2))
        #expect(await inventory.update(source: .udev, devices: [Self.serial("ttyUSB0", description: "board"), Self.serial("ttyACM0")])
            == InventoryChanges(added: 1, removed: 1, changed: 1))
        #expect(await inventory.update(source: .udev, devices: [Self.serial("ttyUSB0", description: "board"), Self.serial("ttyACM0")])
            .isEmpty)
        #expect(await inventory.sequence == 5)
        #expect(await inventory.allDevices.map(\.name) == ["ttyACM0", "ttyUSB0"])
    }

    @Test func sourcesDoNotTouchEachOthersDevices() async {
        let inventory = Inventory()
        await inventory.update(source: .udev, devices: [Self.serial("ttyUSB0")])
        await inventory.update(source: .static, devices: [Self.serial("pts/3", id: "bench", source: .static)])
        #expect(await inventory.update(source: .udev, devices: []) == InventoryChanges(removed: 1))
        #expect(await inventory.allDevices.map(\.id) == ["bench"])
    }

    @Test func anIDTakenByAnotherSourceIsSuffixed() async {
        let inventory = Inventory()
        await inventory.update(source: .udev, devices: [Self.serial("ttyS0")])
        await inventory.update(source: .static, devices: [Self.serial("ttyS0", source: .static)])
        #expect(Set(await inventory.allDevices.map(\.id)) == ["ttyS0", "ttyS0@static"])
    }

    @Test func aDeviceKeepsItsSinceUnlessItComesBack() async {
        let inventory = Inventory()
        await inventory.update(source: .static, devices: [Self.serial("pts/1", source: .static, since: 10)])
        await inventory.update(source: .static, devices: [Self.serial("pts/1", description: "x", source: .static, since: 20)])
        #expect(await inventory.device(named: "pts/1")?.since.millisecondsSinceEpoch == 10)
        await inventory.update(source: .static, devices: [Self.serial("pts/1", present: false, source: .static, since: 30)])
        #expect(await inventory.device(named: "pts/1")?.since.millisecondsSinceEpoch == 10)
        await inventory.update(source: .static, devices: [Self.serial("pts/1", source: .static, since: 40)])
        #expect(await inventory.device(named: "pts/1")?.since.millisecondsSinceEpoch == 40)
    }

    @Test func namesSortNaturally() async {
        let inventory = Inventory()
        await inventory.update(source: .udev, devices: ["ttyUSB10", "ttyUSB2", "ttyACM0", "ttyUSB1", "ttyS0"].map { Self.serial($0) })
        #expect(await inventory.allDevices.map(\.name) == ["ttyACM0", "ttyS0", "ttyUSB1", "ttyUSB2", "ttyUSB10"])
    }

    @Test func aSubscriptionStartsWithASnapshotThenFollowsInOrder() async {
        let inventory = Inventory()
        await inventory.update(source: .udev, devices: [Self.serial("ttyUSB0")])
        let subscription = await inventory.subscribe()
        await inventory.update(source: .udev, devices: [Self.serial("ttyUSB0"), Self.serial("ttyUSB1")])
        await inventory.update(source: .udev, devices: [Self.serial("ttyUSB1")])
        var iterator = subscription.makeAsyncIterator()
        let snapshot = await iterator.next()
        #expect(snapshot?.name == .snapshot)
        #expect(snapshot?.sequence == 1)
        #expect(snapshot?.devices?.map(\.name) == ["ttyUSB0"])
        let added = await iterator.next()
        #expect(added?.name == .added)
        #expect(added?.device?.name == "ttyUSB1")
        #expect(added?.sequence == 2)
        let removed = await iterator.next()
        #expect(removed?.name == .removed)
        #expect(removed?.device?.name == "ttyUSB0")
        #expect(removed?.sequence == 3)
    }

    @Test func aReaderThatFallsBehindIsCutOffNotSilentlyShortChanged() async {
        let inventory = Inventory()
        let slow = await inventory.subscribe(bufferLimit: 3)
        for index in 0..<10 {
            await inventory.update(source: .udev, devices: [Self.serial("ttyUSB\(index)")])
        }
        var received: [InventoryEvent] = []
        for await event in slow { received.append(event) }
        #expect(slow.overflowed)
        #expect(received.count == 3)
        #expect(received.map(\.sequence) == [0, 1, 2])
        #expect(inventory.subscriberCount == 0)
    }

    @Test func endingASubscriptionUnregistersIt() async {
        let inventory = Inventory()
        do {
            let subscription = await inventory.subscribe()
            #expect(inventory.subscriberCount == 1)
            await inventory.finishSubscriptions()
            for await _ in subscription {}
            #expect(!subscription.overflowed)
        }
        #expect(inventory.subscriberCount == 0)
    }
}
