import AsyncPrimitives
import AgentCore
import Inventory
import Logging
import ServiceLifecycle
import Systemd
import Udev

/// Talks to the service manager: READY=1 once the inventory is up (the control socket is bound
/// before the service group starts), STATUS= as devices come and go, WATCHDOG=1 at half the
/// watchdog interval, and STOPPING=1 at shutdown. Without systemd every call is a no-op.
struct SystemdLifecycleService: Service {
    let notifier: SystemdNotifier
    let inventoryReady: OneShotEvent
    let inventory: Inventory
    let monitor: UdevMonitor
    let socketPath: String
    let logger: Logger

    func run() async {
        await inventoryReady.wait()
        send([.ready, .status(await summary())])
        let watchdog: SystemdWatchdog?
        do {
            watchdog = try SystemdWatchdog.fromEnvironment()
        } catch {
            logger.error("cannot read the watchdog setting; not pinging it", metadata: ["error": "\(error)"])
            watchdog = nil
        }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if let watchdog {
                    group.addTask { await pingWatchdog(every: watchdog.recommendedPingInterval) }
                }
                group.addTask { await reportStatusChanges() }
            }
        }
        send([.stopping, .status("stopping")])
    }

    /// The one-line summary `systemctl status` shows.
    func summary() async -> String {
        let serial = await inventory.count(kind: SerialDevice.kind)
        let absent = await inventory.count(kind: SerialDevice.kind, present: false)
        let absentText = absent > 0 ? " (\(absent) static absent)" : ""
        return "\(serial) serial port\(serial == 1 ? "" : "s")\(absentText); udev source \(monitor.source.rawValue); "
            + "control \(socketPath)"
    }

    private func pingWatchdog(every interval: Duration) async {
        while !Task.isCancelled {
            send([.watchdog])
            try? await Task.sleep(for: interval)
        }
    }

    private func reportStatusChanges() async {
        // A burst larger than the buffer ends the subscription; the summary only needs the latest
        // state, so subscribe again (the new snapshot brings it up to date).
        while !Task.isCancelled {
            let changes = await inventory.subscribe(bufferLimit: 16)
            for await _ in changes {
                send([.status(await summary())])
            }
            guard changes.overflowed else { return }
        }
    }

    private func send(_ states: [SystemdNotifier.State]) {
        do {
            try notifier.notify(states)
        } catch {
            logger.warning("cannot notify the service manager", metadata: ["error": "\(error)"])
        }
    }
}
