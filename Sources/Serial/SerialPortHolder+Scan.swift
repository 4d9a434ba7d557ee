#if canImport(Glibc)
import Glibc
#endif

extension SerialPortHolder {
    /// At most this many holders are named.
    static let maximumHolders = 3
    /// At most this many `/proc/PID/fd` entries are examined, so that a busy error stays cheap on a host
    /// with many processes.
    static let maximumDescriptorsExamined = 20_000

    /// The processes with the character device `device` open, found through the links in
    /// `/proc/*/fd`: best effort and bounded (processes this one may not inspect are skipped), in
    /// ascending PID order, at most ``maximumHolders``.
    static func scan(device: dev_t) -> [SerialPortHolder] {
        var holders: [SerialPortHolder] = []
        var budget = maximumDescriptorsExamined
        let pids = directoryEntries("/proc").compactMap { Int32($0) }.sorted()
        for pid in pids where holders.count < maximumHolders && budget > 0 {
            let directory = "/proc/\(pid)/fd"
            for descriptor in directoryEntries(directory, limit: budget) {
                budget -= 1
                var info = stat()
                guard stat("\(directory)/\(descriptor)", &info) == 0, info.st_mode & S_IFMT == S_IFCHR,
                    info.st_rdev == device
                else { continue }
                holders.append(SerialPortHolder(pid: pid, command: command(of: pid)))
                break
            }
        }
        return holders
    }

    /// The names in `path` (without `.` and `..`), at most `limit`; none when it cannot be read.
    private static func directoryEntries(_ path: String, limit: Int = .max) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while names.count < limit, let entry = readdir(directory) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `/proc/PID/comm` without its newline, or empty.
    private static func command(of pid: Int32) -> String {
        let descriptor = Glibc.open("/proc/\(pid)/comm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { _ = Glibc.close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return "" }
        return String(decoding: buffer.prefix(count).prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }
}
