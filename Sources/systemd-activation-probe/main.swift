// Test helper for SystemdTests: run under `systemd-socket-activate`, it adopts the passed sockets with
// `SocketActivation`, prints one report line, answers one connection on the first socket with the same line and
// exits. Report format: `<fd>=<name>:cloexec=<0|1>` per socket, separated by spaces.
import Glibc
import Systemd

/// One `<fd>=<name>:cloexec=<0|1>` entry per socket.
func report(_ activation: SocketActivation) -> String {
    activation.sockets.map { socket in
        let closeOnExec = fcntl(socket.descriptor, F_GETFD) & FD_CLOEXEC != 0 ? 1 : 0
        return "\(socket.descriptor)=\(socket.name):cloexec=\(closeOnExec)"
    }.joined(separator: " ")
}

/// Writes all of `text` to `descriptor`.
func writeAll(_ text: String, to descriptor: Int32) -> Bool {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR {
            continue
        }
        guard written > 0 else {
            return false
        }
        offset += written
    }
    return true
}

let line: String
let listener: Int32?
do {
    let activation = try SocketActivation.adoptFromEnvironment()
    line = report(activation)
    listener = activation.sockets.first?.descriptor
} catch {
    line = "error: \(error)"
    listener = nil
}
_ = writeAll(line + "\n", to: STDOUT_FILENO)

guard let listener else {
    exit(1)
}
let connection = accept(listener, nil, nil)
guard connection >= 0 else {
    exit(2)
}
let answered = writeAll(line + "\n", to: connection)
close(connection)
exit(answered ? 0 : 3)
