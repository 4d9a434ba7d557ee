import AgentCore
#if canImport(Glibc)
import Glibc
#endif

/// File-system chores around a Unix socket path, done before and after NIO binds it.
enum UnixSocketPath {
    /// Makes `path` free to bind: creates the parent directory, removes a stale socket file, and
    /// refuses when another process answers on it or when it is not a socket.
    static func prepare(_ path: String) throws(ControlSocketError) {
        guard path.utf8.count < 108 else { throw ControlSocketError(.pathTooLong, path: path) }
        try createParentDirectory(of: path)
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return }
            throw ControlSocketError(.system("lstat"), path: path, errno: errno)
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else { throw ControlSocketError(.notASocket, path: path) }
        if answers(path) { throw ControlSocketError(.inUse, path: path) }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw ControlSocketError(.system("unlink of the stale socket"), path: path, errno: errno)
        }
    }

    /// Whether a process accepts connections on the socket at `path`.
    static func answers(_ path: String) -> Bool {
        // ECONNREFUSED: nobody listens, the file is stale. EAGAIN: a listener exists but is flooded.
        let result = UnixSocketAddress.probeConnect(path: path, type: Int32(SOCK_STREAM.rawValue))
        return result == 0 || result == EAGAIN
    }

    /// Sets the socket file's mode and, when the group exists, its group.
    ///
    /// - Returns: a warning when the group does not exist, in which case the socket keeps the
    ///   daemon's own group (still closed to others by the mode).
    static func applyPermissions(_ path: String, mode: UInt32, group: String?) throws(ControlSocketError) -> String? {
        guard chmod(path, mode_t(mode)) == 0 else {
            throw ControlSocketError(.system("chmod"), path: path, errno: errno)
        }
        guard let group else { return nil }
        guard let entry = getgrnam(group) else {
            return "group \(group) does not exist, so the control socket keeps the daemon's group; "
                + "create it (systemd-sysusers) or set [control] group"
        }
        guard chown(path, uid_t.max, entry.pointee.gr_gid) == 0 else {
            throw ControlSocketError(.system("chown to group \(group)"), path: path, errno: errno)
        }
        return nil
    }

    /// The inode of the file at `path`, to recognise our own socket at shutdown.
    static func inode(of path: String) -> ino_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_ino : nil
    }

    /// Removes the socket file if it is still the one with `inode`.
    static func remove(_ path: String, ifInode inode: ino_t) {
        if self.inode(of: path) == inode { unlink(path) }
    }

    private static func createParentDirectory(of path: String) throws(ControlSocketError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let parent = String(path[..<slash])
        var status = stat()
        if stat(parent, &status) == 0 { return }
        var prefix = ""
        for component in parent.split(separator: "/") {
            prefix += (parent.hasPrefix("/") || !prefix.isEmpty ? "/" : "") + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw ControlSocketError(.system("mkdir \(prefix)"), path: path, errno: errno)
            }
        }
    }
}
