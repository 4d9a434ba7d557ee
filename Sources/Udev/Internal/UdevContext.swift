import CUdev
#if canImport(Glibc)
import Glibc
#endif

/// A libudev context. Not thread-safe: it lives and dies on the udev thread.
final class UdevContext {
    let handle: OpaquePointer

    init() throws(UdevError) {
        guard let handle = udev_new() else { throw UdevError(.contextUnavailable, errno: errno) }
        self.handle = handle
    }

    deinit { udev_unref(handle) }

    /// Every tty whose kernel name matches one of `globs` (before the exclude and UART checks).
    func enumerateTTYs(matching globs: [String]) throws(UdevError) -> [UdevDevice] {
        guard !globs.isEmpty else { return [] }
        guard let enumerate = udev_enumerate_new(handle) else {
            throw UdevError(.enumerationFailed, errno: errno)
        }
        defer { udev_enumerate_unref(enumerate) }
        udev_enumerate_add_match_subsystem(enumerate, "tty")
        for glob in globs { udev_enumerate_add_match_sysname(enumerate, glob) }
        let status = udev_enumerate_scan_devices(enumerate)
        guard status >= 0 else { throw UdevError(.enumerationFailed, errno: -status) }
        var devices: [UdevDevice] = []
        var entry = udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            if let syspath = udev_list_entry_get_name(current),
                let device = udev_device_new_from_syspath(handle, syspath)
            {
                devices.append(UdevDeviceReader.snapshot(of: device, action: nil))
                udev_device_unref(device)
            }
            entry = udev_list_entry_get_next(current)
        }
        return devices
    }

    /// The tty named `sysname`, or nil when it does not exist (any more).
    func tty(named sysname: String) -> UdevDevice? {
        guard let device = udev_device_new_from_subsystem_sysname(handle, "tty", sysname) else { return nil }
        defer { udev_device_unref(device) }
        return UdevDeviceReader.snapshot(of: device, action: nil)
    }
}
