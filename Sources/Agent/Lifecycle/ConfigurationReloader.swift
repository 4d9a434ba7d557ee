import AgentConfig
import CloudLink
import Logging
import ServiceLifecycle
import Systemd
import Udev
import UnixSignals

/// Reloads the configuration on SIGHUP (`systemctl reload pio-agentd`).
///
/// A configuration with errors is refused as a whole and the one in force stays. The device
/// selection, static ports, log level, agent name and remote access (owner, share) take effect
/// at once; the control socket's path, group and mode and the `[cloud]` link only at the next
/// start, which the log says.
struct ConfigurationReloader: Service {
    let options: DaemonOptions
    let settings: AgentSettings
    let logLevel: LogLevelControl
    let monitor: UdevMonitor
    let staticPorts: StaticPortsWatcher
    let cloud: CloudLink?
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            _ = try? notifier.notify([.reloadingNow(), .status("reloading the configuration")])
            reload()
            _ = try? notifier.notify([.ready, .status("configuration reloaded")])
        }
    }

    private func reload() {
        let old = settings.configuration
        let new: AgentConfiguration
        do {
            new = try options.loadConfiguration()
        } catch {
            logger.error("configuration not reloaded; the one in force stays", metadata: ["error": "\(error)"])
            return
        }
        settings.replace(with: new)
        logLevel.level = Logger.Level(new.log.level)
        if new.devices.include != old.devices.include || new.devices.exclude != old.devices.exclude
            || new.devices.staticPorts != old.devices.staticPorts
        {
            monitor.select(TTYSelection(include: new.devices.include, exclude: new.devices.exclude))
        }
        staticPorts.wake()
        cloud?.updateAccess(CloudAccess(owner: new.agent.owner, share: new.agent.share))
        if new.cloud != old.cloud || (new.cloud != nil && new.agent.name != old.agent.name) {
            logger.warning("[cloud] changes and a new agent name reach the broker link when pio-agentd restarts")
        }
        if new.control != old.control {
            logger.warning("[control] changes take effect when pio-agentd restarts")
        }
        if new.devices.udevReceiveBufferKiB != old.devices.udevReceiveBufferKiB {
            logger.warning("[devices] udev_receive_buffer_kib takes effect when pio-agentd restarts")
        }
        logger.info("configuration reloaded", metadata: ["file": "\(new.file ?? "(defaults)")", "agent": "\(new.agent.name)"])
    }
}
