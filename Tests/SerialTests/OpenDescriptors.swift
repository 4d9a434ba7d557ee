import Glibc

/// The descriptors of this process that refer to the file at `path` (compared by device number), so a
/// test can check that a port left none open. Other tests' ptys are other devices.
func openDescriptors(on path: String) -> [Int32] {
    var target = stat()
    guard stat(path, &target) == 0, let directory = opendir("/proc/self/fd") else { return [] }
    defer { closedir(directory) }
    var found: [Int32] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: &entry.pointee.d_name) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard let descriptor = Int32(name) else { continue }
        var info = stat()
        if stat("/proc/self/fd/\(name)", &info) == 0, info.st_mode & S_IFMT == S_IFCHR, info.st_rdev == target.st_rdev {
            found.append(descriptor)
        }
    }
    return found
}
