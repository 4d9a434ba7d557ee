import AgentCore
import ThreadSupport
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// The udev thread's loop. Everything here runs on that one thread.
final class UdevWorker {
    /// Outputs buffered for a slow reader before the worker falls back to a later rescan.
    static let outputBufferLimit = 4096

    private let context: UdevContext
    private let monitor: UdevMonitor
    private let output: AsyncStream<UdevMonitor.Output>.Continuation
    private let logger: Logger
    private let receiveBufferSize: Int?
    private var selection: TTYSelection
    private var socket: UdevMonitorSocket?
    /// Requests waiting for a full rescan that could not be delivered yet.
    private var owedRescan: (reason: RescanReason, requestIDs: [UInt64])?

    init(
        context: UdevContext, monitor: UdevMonitor, configuration: UdevMonitor.Configuration,
        output: AsyncStream<UdevMonitor.Output>.Continuation, logger: Logger
    ) {
        self.context = context
        self.monitor = monitor
        self.output = output
        self.logger = logger
        self.selection = configuration.selection
        self.receiveBufferSize = configuration.receiveBufferSize
    }

    func run() {
        followPreferredSource()
        rescanAll(reason: .startup, requestIDs: [])
        while waitForWork() {}
        output.finish()
    }

    /// Blocks until the monitor or the command pipe has work, handles it, and says whether to go on.
    private func waitForWork() -> Bool {
        var descriptors = [pollfd(fd: monitor.commands.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        if let socket { descriptors.append(pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)) }
        // Poll forever unless a rescan is owed to a reader that was behind: then retry soon.
        let timeout: Int32 = owedRescan == nil ? -1 : 50
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
        if ready < 0 && errno != EINTR {
            logger.error("udev thread cannot poll", metadata: ["error": "\(String(cString: strerror(errno)))"])
            return false
        }
        if descriptors.count > 1, descriptors[1].revents != 0 { receiveEvents() }
        for command in monitor.commands.drain() {
            switch command {
            case .stop:
                return false
            case .select(let newSelection):
                selection = newSelection
                rescanAll(reason: .reload, requestIDs: [])
            case .rescan(let device?, let reason, let requestID):
                followPreferredSource()
                rescan(device: device, reason: reason, requestIDs: requestID.map { [$0] } ?? [])
            case .rescan(nil, let reason, let requestID):
                followPreferredSource()
                rescanAll(reason: reason, requestIDs: requestID.map { [$0] } ?? [])
            }
        }
        if let owed = owedRescan {
            owedRescan = nil
            rescanAll(reason: owed.reason, requestIDs: owed.requestIDs)
        }
        return true
    }

    private func receiveEvents() {
        guard let socket else { return }
        while true {
            switch socket.receive() {
            case .drained:
                return
            case .overrun:
                monitor.countOverrun()
                logger.warning("udev events were lost (receive buffer overrun); rescanning")
                rescanAll(reason: .overrun, requestIDs: [])
            case .device(var device):
                monitor.countEvent()
                guard selection.admits(name: device.sysname) else { continue }
                if device.action != .remove, !selection.admits(device) { device.action = .remove }
                deliver(.event(device), orOweRescan: .overrun, requestIDs: [])
            }
        }
    }

    private func rescanAll(reason: RescanReason, requestIDs: [UInt64]) {
        do {
            let devices = try context.enumerateTTYs(matching: selection.include).filter(selection.admits)
            let snapshot = UdevSnapshot(
                scope: .all, devices: devices, source: socket?.source ?? .none, reason: reason, requestIDs: requestIDs)
            deliver(.snapshot(snapshot), orOweRescan: reason, requestIDs: requestIDs)
        } catch {
            logger.error("udev rescan failed", metadata: ["error": "\(error)"])
            let failed = UdevSnapshot(
                scope: .all, devices: [], source: socket?.source ?? .none, reason: reason, requestIDs: requestIDs,
                failure: "\(error)")
            deliver(.snapshot(failed), orOweRescan: reason, requestIDs: requestIDs)
        }
    }

    private func rescan(device name: String, reason: RescanReason, requestIDs: [UInt64]) {
        let found = context.tty(named: name).flatMap { selection.admits($0) ? $0 : nil }
        let snapshot = UdevSnapshot(
            scope: .device(name), devices: found.map { [$0] } ?? [], source: socket?.source ?? .none,
            reason: reason, requestIDs: requestIDs)
        deliver(.snapshot(snapshot), orOweRescan: reason, requestIDs: requestIDs)
    }

    /// Hands an output to the reader; when its buffer is full, owes it a full rescan instead.
    private func deliver(_ item: UdevMonitor.Output, orOweRescan reason: RescanReason, requestIDs: [UInt64]) {
        guard case .dropped = output.yield(item) else { return }
        let owedIDs = (owedRescan?.requestIDs ?? []) + requestIDs
        owedRescan = (reason: owedRescan?.reason ?? reason, requestIDs: owedIDs)
    }

    /// Opens (or re-opens) the monitor on the group that fits whether udevd runs now.
    private func followPreferredSource() {
        let preferred = UdevMonitorSocket.preferredSource()
        guard socket?.source != preferred else { return }
        do {
            socket = try UdevMonitorSocket(context: context, source: preferred, receiveBufferSize: receiveBufferSize)
            logger.info(
                "following \(preferred == .udev ? "udev events (systemd-udevd runs)" : "kernel uevents (udevd is not running)")",
                metadata: ["udev_source": "\(preferred.rawValue)"])
        } catch {
            socket = nil
            logger.error("cannot follow udev events; only rescans will update the inventory", metadata: ["error": "\(error)"])
        }
        monitor.setSource(socket?.source ?? .none)
    }
}
