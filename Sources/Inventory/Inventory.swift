public import AgentCore
import Synchronization

/// The agent's device inventory: the one place where sources (udev, static ports, later mDNS)
/// meet and publishers (control API, metrics, cloud) read.
///
/// Each source hands over its whole current set with ``update(source:devices:at:)``; the
/// inventory works out what was added, removed or changed, keeps each device's `since`, counts
/// changes in ``sequence``, and tells every subscriber. Publishing never waits for a subscriber:
/// one that falls more than its buffer behind is cut off (see ``InventorySubscription``).
public actor Inventory {
    private var devices: [String: Device] = [:]
    private let subscribers = Subscribers()
    /// The change counter: grows by one per device event.
    public private(set) var sequence: UInt64 = 0

    /// Creates an empty inventory.
    public init() {}

    /// Replaces every device of `source` with `newDevices` and publishes the differences.
    ///
    /// A device keeps the `since` of its earlier entry. An id that another source already uses
    /// is suffixed with `@<source>` so identifiers stay unique.
    @discardableResult
    public func update(source: DeviceSource, devices newDevices: [Device], at time: Timestamp = .now())
        -> InventoryChanges
    {
        var incoming: [String: Device] = [:]
        for device in newDevices {
            var device = device
            if let holder = devices[device.id], holder.source != source {
                device = device.withID("\(device.id)@\(source.rawValue)")
            }
            incoming[device.id] = device
        }
        var changes = InventoryChanges()
        for (id, old) in devices where old.source == source && incoming[id] == nil {
            devices[id] = nil
            changes.removed += 1
            publish(.removed, old, at: time)
        }
        for id in incoming.keys.sorted() {
            guard var device = incoming[id] else { continue }
            if let old = devices[id] {
                // A device keeps its `since`, unless it was absent and is back.
                if old.isPresent || !device.isPresent, device.since != old.since { device.since = old.since }
                guard device != old else { continue }
                devices[id] = device
                changes.changed += 1
                publish(.changed, device, at: time)
            } else {
                devices[id] = device
                changes.added += 1
                publish(.added, device, at: time)
            }
        }
        return changes
    }

    /// Every device, sorted by kind and then naturally by name (`ttyUSB2` before `ttyUSB10`).
    public var allDevices: [Device] {
        devices.values.sorted { ($0.kind, NaturalName($0.name), $0.id) < ($1.kind, NaturalName($1.name), $1.id) }
    }

    /// The device whose id, kernel name, port or `/dev/serial` link is `name`.
    public func device(named name: String) -> Device? {
        if let device = devices[name] { return device }
        return allDevices.first { $0.matches(name) }
    }

    /// The number of devices of `kind`, counting only present ones unless `present` is false.
    public func count(kind: String, present: Bool = true) -> Int {
        devices.values.count { $0.kind == kind && $0.isPresent == present }
    }

    /// The number of live subscriptions.
    public nonisolated var subscriberCount: Int { subscribers.count }

    /// Starts a subscription whose first event is a snapshot of every device.
    ///
    /// - Parameter bufferLimit: events the subscription may hold for a slow reader before it is
    ///   cut off with ``InventorySubscription/overflowed`` set.
    public func subscribe(bufferLimit: Int = 1024) -> InventorySubscription {
        let snapshot = InventoryEvent(snapshotAt: sequence, at: .now(), devices: allDevices)
        return subscribers.add(first: snapshot, bufferLimit: max(bufferLimit, 1))
    }

    /// Ends every subscription, as at shutdown.
    public func finishSubscriptions() {
        subscribers.finishAll()
    }

    private func publish(_ name: InventoryEvent.Name, _ device: Device, at time: Timestamp) {
        sequence += 1
        subscribers.broadcast(InventoryEvent(name: name, sequence: sequence, at: time, device: device))
    }
}
