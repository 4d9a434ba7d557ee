import Glibc
import TestSupport
import Testing

/// The systemd units and the sysusers.d/tmpfiles.d snippets under `systemd/`.
///
/// `systemd-analyze security --offline=true` and `systemd-analyze verify` both work on unit
/// files without systemd as PID 1 (checked with systemd 252 in a container): `verify` loads the
/// units the way the manager would and warns about unknown keys and bad values, so it stands
/// in for a key list of our own. It insists that ExecStart's binary exists, hence the stub.
@Suite("systemd units")
struct SystemdUnitTests {
    private static let highestAcceptedExposure = 2.0

    @Test("the service's sandbox scores an exposure of 2.0 or lower")
    func securityExposure() throws {
        let analyze = try SystemTestPolicy.requireTool("systemd-analyze")
        try TemporaryDirectory.with(prefix: "systemd-units") { directory in
            let unit = try directory.write(
                "pio-agentd.service",
                PackageFiles.installed(PackageFiles.serviceUnit, sbindir: directory.file("sbin"))
            )
            let outcome = try ChildProcess.runSystemTool(analyze, ["security", "--offline=true", unit])
            #expect(outcome.status == 0, "\(outcome)")

            let verdict = try #require(
                outcome.standardOutput.split(separator: "\n").first { $0.contains("Overall exposure level for") },
                "no verdict line in \(outcome)"
            )
            #expect(verdict.contains("pio-agentd.service:"))
            let score = try #require(
                Self.exposure(in: verdict, unit: "pio-agentd.service"), "no score in \"\(verdict)\"")
            #expect(score <= Self.highestAcceptedExposure, "\(verdict)\n\(outcome.standardOutput)")

            // The settings we rely on must be in force, whatever the total says. Rows start with
            // ✓/✗, or +/- in the C locale the tests run tools in.
            let passed = Set(
                outcome.standardOutput.split(separator: "\n").filter { $0.hasPrefix("✓ ") || $0.hasPrefix("+ ") }
                    .compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
            )
            let required = [
                "User=/DynamicUser=", "NoNewPrivileges=", "ProtectSystem=", "ProtectHome=", "PrivateTmp=",
                "CapabilityBoundingSet=~CAP_SYS_ADMIN", "SystemCallFilter=~@privileged", "MemoryDenyWriteExecute=",
                "RestrictNamespaces=~user", "RestrictAddressFamilies=~AF_PACKET", "ProtectKernelModules=",
                "NotifyAccess=", "UMask=",
            ]
            let missing = required.filter { !passed.contains($0) }
            #expect(missing.isEmpty, "not passed: \(missing)\n\(outcome.standardOutput)")
        }
    }

    @Test("the units load cleanly in `systemd-analyze verify`")
    func unitsVerify() throws {
        let analyze = try SystemTestPolicy.requireTool("systemd-analyze")
        try TemporaryDirectory.with(prefix: "systemd-units") { directory in
            try directory.write("sbin/pio-agentd", "#!/bin/sh\nexit 0\n", mode: 0o755)
            let service = try directory.write(
                "units/pio-agentd.service",
                PackageFiles.installed(PackageFiles.serviceUnit, sbindir: directory.file("sbin"))
            )
            let socket = try directory.write("units/pio-agentd.socket", PackageFiles.read(PackageFiles.socketUnit))

            let outcome = try ChildProcess.runSystemTool(analyze, ["verify", "--man=no", service, socket])
            #expect(outcome.status == 0, "\(outcome)")
            let complaints = (outcome.standardOutput + outcome.standardError).split(separator: "\n")
                .filter { $0.contains(directory.file("units")) }
            #expect(complaints.isEmpty, "systemd-analyze verify complained:\n\(complaints.joined(separator: "\n"))")
        }
    }

    @Test("`systemd-analyze verify` reports a misspelt key, so a clean run means something")
    func verifyCatchesUnknownKeys() throws {
        let analyze = try SystemTestPolicy.requireTool("systemd-analyze")
        try TemporaryDirectory.with(prefix: "systemd-units") { directory in
            let unit = try directory.write(
                "units/broken.service",
                "[Service]\nExecStart=/bin/true\nProtectSystem=stricter\nDeviceAlow=char-ttyUSB rw\n"
            )
            let outcome = try ChildProcess.runSystemTool(analyze, ["verify", "--man=no", unit])
            let output = outcome.standardOutput + outcome.standardError
            #expect(output.contains("\(unit):4: Unknown key"), "\(outcome)")
            #expect(output.contains("\(unit):3: Failed to parse"), "\(outcome)")
        }
    }

    @Test("the service is a notify daemon with a watchdog, a static user and the socket")
    func serviceSettings() throws {
        let unit = UnitFile(text: try PackageFiles.read(PackageFiles.serviceUnit))
        #expect(unit.malformedLines.isEmpty, "\(unit.malformedLines)")
        let service = "Service"
        #expect(unit.value("Type", in: service) == "notify")
        #expect(unit.value("NotifyAccess", in: service) == "main")
        #expect(unit.value("WatchdogSec", in: service) == "30s")
        #expect(unit.value("Restart", in: service) == "on-failure")
        #expect(unit.value("ExecStart", in: service) == "@SBINDIR@/pio-agentd --config /etc/pio-agent/agent.toml")
        #expect(unit.value("ExecReload", in: service)?.contains("-HUP $MAINPID") == true)
        #expect(unit.value("User", in: service) == "pio-agent")
        #expect(unit.value("Group", in: service) == "pio-agent")
        #expect(unit.value("DynamicUser", in: service) == nil)
        #expect(unit.words("SupplementaryGroups", in: service) == ["dialout"])
        #expect(unit.value("RuntimeDirectory", in: service) == "pio-agent")
        #expect(unit.value("RuntimeDirectoryMode", in: service) == "0750")
        #expect(unit.value("RuntimeDirectoryPreserve", in: service) == "yes")
        #expect(unit.value("StateDirectory", in: service) == "pio-agent")
        #expect(unit.value("ConfigurationDirectory", in: service) == "pio-agent")
        #expect(unit.value("UMask", in: service) == "0077")
        #expect(unit.value("MemoryDenyWriteExecute", in: service) == "yes")
        #expect(Set(unit.words("Wants", in: "Unit")).isSuperset(of: ["pio-agentd.socket", "network-online.target"]))
        #expect(Set(unit.words("After", in: "Unit")).isSuperset(of: ["pio-agentd.socket", "network-online.target"]))
        #expect(unit.value("WantedBy", in: "Install") == "multi-user.target")
        #expect(unit.value("Also", in: "Install") == "pio-agentd.socket")

        // Serial ports stay reachable: no PrivateDevices=, a closed device policy that lists them.
        #expect(unit.value("PrivateDevices", in: service) == nil)
        #expect(unit.value("DevicePolicy", in: service) == "closed")
        let allowed = Set(unit.values("DeviceAllow", in: service))
        for group in ["ttyS", "ttyUSB", "ttyACM", "ttyAMA", "ttyXRUSB", "rfcomm", "pts", "usb_device"] {
            #expect(allowed.contains("char-\(group) rw"), "DeviceAllow=char-\(group) rw is missing")
        }
        // LANANA majors, so ports of drivers loaded after the service started are allowed too.
        for major in [188, 166, 204, 216, 189] {
            #expect(allowed.contains("char-\(major) rw"), "DeviceAllow=char-\(major) rw is missing")
        }
        #expect(
            Set(unit.words("RestrictAddressFamilies", in: service)) == [
                "AF_UNIX", "AF_NETLINK", "AF_INET", "AF_INET6",
            ])
        // Flashers are spawned as children: execve must stay allowed.
        #expect(unit.words("SystemCallFilter", in: service).contains("@system-service"))
        #expect(!unit.words("SystemCallFilter", in: service).contains { $0.contains("process") })
    }

    @Test("the socket unit listens on the control socket for group pio-agent")
    func socketSettings() throws {
        let unit = UnitFile(text: try PackageFiles.read(PackageFiles.socketUnit))
        #expect(unit.malformedLines.isEmpty, "\(unit.malformedLines)")
        let socket = "Socket"
        #expect(unit.values("ListenStream", in: socket) == ["/run/pio-agent/control.sock"])
        #expect(unit.value("FileDescriptorName", in: socket) == "control")
        #expect(unit.value("SocketUser", in: socket) == "pio-agent")
        #expect(unit.value("SocketGroup", in: socket) == "pio-agent")
        #expect(unit.value("SocketMode", in: socket) == "0660")
        #expect(unit.value("DirectoryMode", in: socket) == "0750")
        #expect(unit.value("RemoveOnStop", in: socket) == "yes")
        #expect(unit.value("Service", in: socket) == "pio-agentd.service")
        #expect(unit.value("WantedBy", in: "Install") == "sockets.target")
    }

    @Test("sysusers.d creates the system user pio-agent, member of dialout")
    func sysusersCreatesUser() throws {
        try TemporaryDirectory.with(prefix: "systemd-root") { root in
            let user = try Self.createUsers(in: root)
            #expect(user.uid > 0 && user.uid < 1000, "not a system uid: \(user.uid)")
            #expect(user.home == "/var/lib/pio-agent")
            #expect(user.shell.hasSuffix("/nologin"))
            let groups = try Files.read(root.file("etc/group")).split(separator: "\n")
            #expect(groups.contains { $0.hasPrefix("pio-agent:x:\(user.gid):") }, "\(groups)")
            #expect(groups.contains { $0.hasPrefix("dialout:") && $0.split(separator: ":").last == "pio-agent" })
        }
    }

    @Test("tmpfiles.d creates /run/pio-agent 0750 pio-agent:pio-agent")
    func tmpfilesCreatesRuntimeDirectory() throws {
        try SystemTestPolicy.requireRoot(for: "systemd-tmpfiles --create (it chowns)")
        let tmpfiles = try SystemTestPolicy.requireTool("systemd-tmpfiles")
        try TemporaryDirectory.with(prefix: "systemd-root") { root in
            let user = try Self.createUsers(in: root)
            let outcome = try ChildProcess.runSystemTool(
                tmpfiles,
                ["--root=\(root.path)", "--create", PackageFiles.path(PackageFiles.tmpfilesSnippet)]
            )
            #expect(outcome.status == 0, "\(outcome)")
            var info = stat()
            try #require(stat(root.file("run/pio-agent"), &info) == 0, "no /run/pio-agent: \(outcome)")
            #expect(info.st_mode & S_IFMT == S_IFDIR)
            #expect(info.st_mode & 0o7777 == 0o750)
            #expect(Int(info.st_uid) == user.uid)
            #expect(Int(info.st_gid) == user.gid)
        }
    }

    /// Runs the sysusers.d snippet against a minimal /etc in `root`; returns pio-agent's entry.
    private static func createUsers(in root: TemporaryDirectory) throws
        -> (uid: Int, gid: Int, home: String, shell: String)
    {
        let sysusers = try SystemTestPolicy.requireTool("systemd-sysusers")
        try root.write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        try root.write("etc/group", "root:x:0:\ndialout:x:20:\n")
        let outcome = try ChildProcess.runSystemTool(
            sysusers,
            ["--root=\(root.path)", PackageFiles.path(PackageFiles.sysusersSnippet)]
        )
        #expect(outcome.status == 0, "\(outcome)")
        let passwd = try Files.read(root.file("etc/passwd")).split(separator: "\n")
        let line = try #require(passwd.first { $0.hasPrefix("pio-agent:") }, "no pio-agent in \(passwd)")
        let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        try #require(fields.count == 7, "\(line)")
        return (try #require(Int(fields[2])), try #require(Int(fields[3])), fields[5], fields[6])
    }

    /// The number in `→ Overall exposure level for pio-agentd.service: 1.5 OK 🙂` (`-> … :-)` in
    /// the C locale).
    private static func exposure(in verdict: Substring, unit: String) -> Double? {
        guard let range = verdict.firstRange(of: "\(unit):") else { return nil }
        return verdict[range.upperBound...].split(separator: " ").first.flatMap { Double($0) }
    }
}
