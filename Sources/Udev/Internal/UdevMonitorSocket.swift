import AgentCore
import CUdev
#if canImport(Glibc)
import Glibc
#endif

/// A libudev netlink monitor for the `tty` subsystem. Lives and dies on the udev thread.
final class UdevMonitorSocket {
    /// What one receive attempt produced.
    enum Reception {
        case device(UdevDevice)
        /// Nothing is queued now.
        case drained
        /// The socket's receive buffer overflowed: events were lost, rescan.
        case overrun
    }

    let source: UdevSource
    private let handle: OpaquePointer

    /// Opens a monitor on the netlink group of `source` (`udev` or `kernel`).
    init(context: UdevContext, source: UdevSource, receiveBufferSize: Int?) throws(UdevError) {
        guard source != .none, let handle = udev_monitor_new_from_netlink(context.handle, source.rawValue) else {
            throw UdevError(.monitorUnavailable, errno: errno)
        }
        self.handle = handle
        self.source = source
        udev_monitor_filter_add_match_subsystem_devtype(handle, "tty", nil)
        if let receiveBufferSize {
            udev_monitor_set_receive_buffer_size(handle, Int32(clamping: receiveBufferSize))
        }
        let status = udev_monitor_enable_receiving(handle)
        guard status >= 0 else {
            udev_monitor_unref(handle)
            throw UdevError(.monitorUnavailable, errno: -status)
        }
    }

    deinit { udev_monitor_unref(handle) }

    /// The socket to poll for readability.
    var descriptor: Int32 { udev_monitor_get_fd(handle) }

    /// Receives one queued event without blocking.
    func receive() -> Reception {
        errno = 0
        guard let device = udev_monitor_receive_device(handle) else {
            return errno == ENOBUFS ? .overrun : .drained
        }
        defer { udev_device_unref(device) }
        let action = udev_device_get_action(device).map { UdevAction(String(cString: $0)) }
        return .device(UdevDeviceReader.snapshot(of: device, action: action))
    }

    /// The group to follow: `udev` when systemd-udevd runs, else `kernel`.
    ///
    /// udevd runs when its control socket accepts a connection; a stopped udevd leaves the file
    /// behind, which refuses. A caller without access to the socket cannot tell and trusts the file.
    static func preferredSource(udevControlPath: String = "/run/udev/control") -> UdevSource {
        switch UnixSocketAddress.probeConnect(path: udevControlPath, type: Int32(SOCK_SEQPACKET.rawValue)) {
        case 0, EACCES, EPERM: .udev
        default: .kernel
        }
    }
}
