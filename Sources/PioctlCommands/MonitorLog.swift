import RemoteClient
#if canImport(Glibc)
import Glibc
#endif

/// `--filter log2file`: what the board sends, unchanged, in a new file of the current directory.
final class MonitorLog: Sendable {
    /// The file's path.
    let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// A new file named after the agent, the port and the time, such as
    /// `pioctl-monitor-farm1-ttyUSB0-20261125-090405.log`; never an existing one.
    static func create(agent: String, port: String) throws -> MonitorLog {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        var stamp = [CChar](repeating: 0, count: 32)
        strftime(&stamp, stamp.count, "%Y%m%d-%H%M%S", &parts)
        let device = port.split(separator: "/").last.map(String.init) ?? "port"
        let name = "pioctl-monitor-\(agent)-\(device)-\(String(decoding: stamp.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)).log"
        let descriptor = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RemoteClientError(.badProfile, "cannot create the log file \(name): \(String(cString: strerror(errno)))")
        }
        return MonitorLog(path: name, descriptor: descriptor)
    }

    /// Appends `bytes`; a failing disk does not stop the monitor.
    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            offset += count
        }
    }

    /// Closes the file.
    func close() {
        _ = Glibc.close(descriptor)
    }
}
