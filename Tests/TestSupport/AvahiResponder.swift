import Glibc
import Synchronization
import Testing

/// A real avahi-daemon (the Debian package) answering mDNS in one namespace of a
/// ``NetworkNamespacePair``, with services published by `avahi-publish-service`.
///
/// The daemon talks to a private dbus-daemon whose socket is in the responder's own directory, so
/// it neither needs nor disturbs the machine's system bus or a system avahi. It runs with a tmpfs
/// over `/run` in the mount namespace `ip netns exec` gives it, so its pid file and socket stay
/// private too. Readiness is an event: the bus printing its address, the daemon logging
/// "Server startup complete", `avahi-publish-service` logging "Established under name". Needs root.
public final class AvahiResponder: Sendable {
    /// The host name avahi announces (the SRV target is `<hostName>.local`).
    public let hostName: String
    /// The responder's directory: bus and daemon configuration, the bus socket.
    public let directory: TemporaryDirectory
    /// The private bus, as `DBUS_SYSTEM_BUS_ADDRESS` for avahi's clients.
    public let busAddress: String
    private let pair: NetworkNamespacePair
    private let namespace: String
    private let state: Mutex<State?>

    private struct State {
        let bus: Program
        let avahi: Program
        var publications: [Publication] = []
    }

    /// Starts a private dbus-daemon and avahi-daemon in the first namespace of `pair`, answering on
    /// its veth interface only, over IPv4, as `hostName.local`; returns once avahi has registered
    /// its host name.
    public init(in pair: NetworkNamespacePair, hostName: String = "avahi-peer") async throws {
        try Self.checkPrerequisites()
        self.pair = pair
        self.hostName = hostName
        namespace = pair.first
        let directory = try TemporaryDirectory(prefix: "pio-avahi")
        self.directory = directory
        // avahi-daemon drops to user avahi before it connects to the bus socket in here.
        guard chmod(directory.path, 0o755) == 0 else {
            directory.remove()
            throw TestFailure.system("chmod \(directory.path)")
        }
        let bus: Program
        do {
            guard !directory.path.hasPrefix("/run/") else {
                throw TestFailure("\(directory.path): avahi-daemon runs under a tmpfs over /run; set TMPDIR elsewhere")
            }
            try directory.write("dbus.conf", Self.busConfiguration(socket: directory.file("bus.sock")))
            try directory.write(
                "avahi-daemon.conf", Self.avahiConfiguration(hostName: hostName, interface: pair.firstInterface))
            bus = try await Self.startBus(in: pair, configuration: directory.file("dbus.conf"))
        } catch {
            directory.remove()
            throw error
        }
        busAddress = "unix:path=\(directory.file("bus.sock"))"
        do {
            let avahi = try await Self.startAvahi(
                in: pair, configuration: directory.file("avahi-daemon.conf"), busAddress: busAddress)
            state = Mutex(State(bus: bus, avahi: avahi))
        } catch {
            bus.stop()
            directory.remove()
            throw error
        }
    }

    /// Stops the test (skip or failure, see ``SystemTestPolicy``) when avahi cannot run here.
    private static func checkPrerequisites() throws {
        try SystemTestPolicy.requireRoot(for: "avahi-daemon in a network namespace")
        try SystemTestPolicy.requireTool("avahi-daemon", package: "avahi-daemon")
        try SystemTestPolicy.requireTool("avahi-publish-service", package: "avahi-utils")
        try SystemTestPolicy.requireTool("dbus-daemon", package: "dbus-daemon")
        guard getpwnam("avahi") != nil else {
            try SystemTestPolicy.unavailable("user avahi is missing; installing the Debian package avahi-daemon creates it")
        }
    }

    /// Everything avahi-daemon logged so far.
    public var log: String { state.withLock { $0?.avahi.errors.text ?? "" } }

    /// Publishes `name` (an instance of `type`, such as `_arduino._tcp`) on `port` with the TXT
    /// strings `key=value`, in order, through an `avahi-publish-service` of its own; returns once
    /// avahi has probed the name and announces it. ``Publication/withdraw()`` withdraws it.
    public func publish(
        name: String, type: String, port: Int, txt: KeyValuePairs<String, String> = [:]
    ) async throws -> Publication {
        let child = try pair.spawn(
            in: namespace, "avahi-publish-service", arguments: [name, type, "\(port)"] + Self.strings(txt),
            environment: ["DBUS_SYSTEM_BUS_ADDRESS": busAddress])
        return try await establish(
            Publication(name: name, program: try Program(child, label: "avahi-publish-service \(name)"), updatable: false))
    }

    /// Publishes like ``publish(name:type:port:txt:)``, but through `Tests/peers/avahi_entry_group.py`,
    /// a client of avahi's D-Bus API that keeps its entry group, so that
    /// ``Publication/updateTXT(_:)`` can change the TXT record in place (`UpdateServiceTxt`).
    /// `avahi-publish-service` cannot, and avahi lets no other client touch its entry group.
    public func publishUpdatable(
        name: String, type: String, port: Int, txt: KeyValuePairs<String, String> = [:]
    ) async throws -> Publication {
        let python = try ZeroconfBoards.python()
        let check = try await ChildProcess.run(python, ["-c", "import jeepney"])
        guard check.status == 0 else {
            try SystemTestPolicy.unavailable("jeepney is not installed; `make test` installs it into .build/test-venv")
        }
        let child = try pair.spawn(
            in: namespace, python,
            arguments: [PackageFiles.path("Tests/peers/avahi_entry_group.py"), name, type, "\(port)"] + Self.strings(txt),
            environment: ["DBUS_SYSTEM_BUS_ADDRESS": busAddress], input: true)
        return try await establish(
            Publication(name: name, program: try Program(child, label: "avahi_entry_group.py \(name)"), updatable: true))
    }

    /// `key=value` strings.
    private static func strings(_ txt: KeyValuePairs<String, String>) -> [String] {
        txt.map { "\($0.key)=\($0.value)" }
    }

    /// Keeps `publication` for ``stop()`` and waits until avahi announces it.
    private func establish(_ publication: Publication) async throws -> Publication {
        let name = publication.name
        let added = state.withLock { state -> Bool in
            guard state != nil else { return false }
            state?.publications.append(publication)
            return true
        }
        guard added else {
            publication.end()
            throw TestFailure("the avahi responder was stopped")
        }
        do {
            // It reports on standard error.
            try await publication.log.wait(for: "Established under name '\(name)'")
        } catch {
            publication.end()
            throw TestFailure("avahi did not establish \(name): \(error)\navahi-daemon log:\n\(log)")
        }
        return publication
    }

    /// Withdraws every publication, then stops avahi-daemon and the bus (SIGTERM, by process id)
    /// and removes the directory. Idempotent.
    public func stop() {
        guard let stopped = state.withLock({ state -> State? in
            defer { state = nil }
            return state
        }) else { return }
        for publication in stopped.publications {
            publication.end()
        }
        stopped.avahi.stop()
        stopped.bus.stop()
        directory.remove()
    }

    deinit { stop() }

    /// One service published by ``AvahiResponder/publish(name:type:port:txt:)``.
    public final class Publication: Sendable {
        /// The instance name.
        public let name: String
        /// What the publishing program logged.
        let log: OutputRecorder
        private let program: Mutex<Program?>
        private let updatable: Bool

        fileprivate init(name: String, program: Program, updatable: Bool) {
            self.name = name
            self.log = program.errors
            self.program = Mutex(program)
            self.updatable = updatable
        }

        /// Replaces the TXT record with `txt` (publications of
        /// ``AvahiResponder/publishUpdatable(name:type:port:txt:)`` only); returns once avahi has
        /// accepted it and is about to announce it.
        public func updateTXT(_ txt: KeyValuePairs<String, String>) async throws {
            guard updatable, let running = program.withLock({ $0 }) else {
                throw TestFailure("\(name): only a running publication of publishUpdatable can change its TXT record")
            }
            let done = running.output.text.split(separator: "ok txt", omittingEmptySubsequences: false).count
            try running.child.send((["txt"] + AvahiResponder.strings(txt)).joined(separator: " ") + "\n")
            do {
                try await running.output.wait { $0.split(separator: "ok txt", omittingEmptySubsequences: false).count > done }
            } catch {
                throw TestFailure("\(name): the TXT record was not changed: \(error)\n\(log.text)")
            }
        }

        /// Withdraws the service: SIGTERM ends the program that published it, whose entry group
        /// avahi-daemon then frees, announcing its records with TTL 0 (the goodbye). Returns once
        /// the program has exited.
        public func withdraw() async throws {
            try await blocking { self.end() }
        }

        /// Ends the publishing program (SIGTERM) if it still runs, and reaps it.
        func end() {
            program.withLock { program -> Program? in
                defer { program = nil }
                return program
            }?.stop()
        }
    }

    private static func startBus(in pair: NetworkNamespacePair, configuration: String) async throws -> Program {
        let bus = try Program(
            pair.spawn(
                in: pair.first, "dbus-daemon",
                arguments: ["--config-file=\(configuration)", "--nofork", "--nopidfile", "--print-address=1"]),
            label: "dbus-daemon")
        do {
            // The address is printed once the socket listens.
            try await bus.output.wait(for: "unix:path=")
        } catch {
            bus.stop()
            throw TestFailure("dbus-daemon did not start: \(error)\n\(bus.errors.text)")
        }
        return bus
    }

    private static func startAvahi(
        in pair: NetworkNamespacePair, configuration: String, busAddress: String
    ) async throws -> Program {
        // The tmpfs hides /run/avahi-daemon (pid file, socket) of any other avahi-daemon, here
        // or of the machine, and leaves nothing behind: the mount namespace goes with the daemon.
        let script = """
            set -e
            mount -t tmpfs -o mode=0755 pio-avahi-run /run
            exec avahi-daemon --no-chroot --no-rlimits --no-proc-title -f \(configuration)
            """
        let avahi = try Program(
            pair.spawn(
                in: pair.first, "/bin/sh", arguments: ["-c", script],
                environment: ["DBUS_SYSTEM_BUS_ADDRESS": busAddress]),
            label: "avahi-daemon")
        do {
            // avahi-daemon logs on standard error.
            try await avahi.errors.wait(for: "Server startup complete")
        } catch {
            avahi.stop()
            throw TestFailure("avahi-daemon did not start: \(error)")
        }
        return avahi
    }

    /// A bus that lets anyone own and call anything, listening on `socket` only.
    private static func busConfiguration(socket: String) -> String {
        """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <listen>unix:path=\(socket)</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow user="*"/>
            <allow own="*"/>
            <allow send_destination="*"/>
            <allow receive_sender="*"/>
          </policy>
        </busconfig>

        """
    }

    /// avahi on `interface` only, IPv4 only, as `hostName`, with nothing published but what the
    /// test publishes.
    private static func avahiConfiguration(hostName: String, interface: String) -> String {
        // Left at its default (yes), publish-aaaa-on-ipv4 also announces the veth's IPv6
        // link-local address over IPv4; the tests expect the IPv4 address alone.
        """
        [server]
        host-name=\(hostName)
        use-ipv4=yes
        use-ipv6=no
        allow-interfaces=\(interface)
        disallow-other-stacks=no
        enable-dbus=yes

        [wide-area]
        enable-wide-area=no

        [publish]
        publish-hinfo=no
        publish-workstation=no
        publish-aaaa-on-ipv4=no

        """
    }

    /// A program the responder started, with recorders of both its output streams: a stream
    /// nobody reads would kill it with SIGPIPE at its first write.
    fileprivate struct Program: Sendable {
        let child: ChildProcess
        let output: OutputRecorder
        let errors: OutputRecorder

        /// Records the output of `child`, which is killed if that fails.
        init(_ child: ChildProcess, label: String) throws {
            do {
                output = try OutputRecorder(reading: child.standardOutput, label: "\(label) output")
            } catch {
                child.terminate()
                child.closeOutput()
                throw error
            }
            do {
                errors = try OutputRecorder(reading: child.standardError, label: label)
            } catch {
                child.terminate()
                close(child.standardError)
                if let input = child.standardInput { close(input) }
                throw error
            }
            self.child = child
        }

        /// Stops the program with SIGTERM, reaps it and closes its standard input if it has one.
        func stop() {
            kill(child.pid, SIGTERM)
            _ = try? child.waitForExit()
            if let input = child.standardInput { close(input) }
            output.stop()
            errors.stop()
        }
    }
}
