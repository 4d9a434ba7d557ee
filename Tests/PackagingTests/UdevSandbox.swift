import TestSupport

/// Runs `udevadm test` on our rules without touching the host (needs root).
///
/// udev 252 has no `udevadm verify`, and `udevadm test` reads the rules from the fixed rules
/// directories and applies owner/mode to the real device node, so each run happens in a
/// private mount namespace (`unshare --mount`) with tmpfs over /dev (holding nodes made for the
/// test), /run (no udev database or runtime rules of the host) and /etc/udev/rules.d (holding
/// only the rules under test); optionally a ``FakeSysfs`` tree is bind-mounted over /sys.
/// `udevadm test` never executes RUN programs: it prints them, and the tests read that list.
struct UdevSandbox {
    /// A device node to create in the sandbox's /dev before the probes run.
    struct DeviceNode: Sendable, Equatable {
        /// Its path, e.g. `/dev/ttyUSB0`.
        let path: String
        /// Char device major.
        let major: UInt32
        /// Char device minor.
        let minor: UInt32
    }

    /// One `udevadm test` run.
    struct Probe: Sendable {
        /// A short identifier, used for file names ([a-z0-9-]).
        let name: String
        /// `add`, `remove`, `change`, …
        let action: String
        /// The device's syspath.
        let syspath: String
        /// Nodes whose mode and group to report after the run.
        let nodes: [DeviceNode]
    }

    /// The mode and group of a node after a probe.
    struct NodeState: Sendable, Equatable, CustomStringConvertible {
        /// Octal permission bits, e.g. `660`.
        let mode: String
        /// Group name, e.g. `dialout`.
        let group: String

        /// `mode group`.
        var description: String { "\(mode) \(group)" }
    }

    /// What one probe showed.
    struct Report: Sendable {
        /// Exit status of `udevadm test`.
        let exitStatus: Int32
        /// The device properties printed at the end (`KEY=value`).
        let properties: [String: String]
        /// The tags of the device.
        let tags: Set<String>
        /// The RUN list, with udev's substitutions (`%k`) applied.
        let runs: [String]
        /// State of the probe's nodes, by path.
        let nodes: [String: NodeState]
        /// Everything udevadm printed to stderr (its debug trace).
        let trace: String
    }

    /// What a whole sandbox run showed.
    struct Result: Sendable {
        /// Reports by probe name.
        let reports: [String: Report]
        /// Messages udev printed while parsing the rules under test (syntax errors, bad keys):
        /// lines of the trace that start with the rules file's path.
        let ruleDiagnostics: [String]
        /// The outcome of the sandbox shell itself.
        let shell: CommandResult
    }

    /// Where the rules under test are installed inside the sandbox.
    static let installedRulesPath = "/etc/udev/rules.d/99-pio-agent.rules"

    /// The rules under test, as installed (placeholders substituted).
    let rules: String
    /// A directory to bind-mount over /sys, or nil for the host's sysfs.
    var sysfs: String?
    /// Nodes to create in /dev (mode 0600 root:root before udev applies the rules).
    var nodes: [DeviceNode] = []

    /// Runs `probes` in one sandbox. `workspace` holds the script and the outputs.
    func run(_ probes: [Probe], workspace: TemporaryDirectory) throws -> Result {
        for hidden in ["/run/", "/dev/", "/etc/udev/"] where (workspace.path + "/").hasPrefix(hidden) {
            throw TestFailure("the sandbox hides \(hidden); set TMPDIR elsewhere (e.g. /tmp)")
        }
        try workspace.write("99-pio-agent.rules", rules)
        let work = workspace.path
        var script = """
            set -eu
            [ -d /etc/udev/rules.d ] || { echo "no /etc/udev/rules.d on this host" >&2; exit 97; }
            mount -t tmpfs -o mode=0755 tmpfs /dev
            mknod -m 0666 /dev/null c 1 3
            mount -t tmpfs -o mode=0755 tmpfs /run
            mount -t tmpfs -o mode=0755 tmpfs /etc/udev/rules.d
            cp '\(work)/99-pio-agent.rules' '\(Self.installedRulesPath)'

            """
        if let sysfs {
            script += "mount --bind '\(sysfs)' /sys\n"
        }
        for node in Set(nodes.map(\.path)).sorted() {
            guard let spec = nodes.first(where: { $0.path == node }) else { continue }
            script += "mkdir -p '\(Files.directory(of: node))'\n"
            script += "mknod -m 0600 '\(node)' c \(spec.major) \(spec.minor)\n"
        }
        for probe in probes {
            let output = "\(work)/\(probe.name)"
            script += """
                rc=0
                SYSTEMD_DEVICE_VERIFY_SYSFS=0 udevadm test --action=\(probe.action) '\(probe.syspath)' \
                >'\(output).out' 2>'\(output).err' || rc=$?
                echo "$rc" >'\(output).rc'
                : >'\(output).stat'

                """
            for node in probe.nodes {
                script += "stat -c '%n %a %G' '\(node.path)' >>'\(output).stat'\n"
            }
        }
        let scriptPath = try workspace.write("sandbox.sh", script)

        let shell = try ChildProcess.runSystemTool(
            "unshare", ["--mount", "--propagation", "private", "/bin/sh", scriptPath])
        guard shell.status == 0 else {
            throw TestFailure("udev sandbox failed: \(shell)")
        }

        var reports: [String: Report] = [:]
        var diagnostics: [String] = []
        for probe in probes {
            let output = "\(work)/\(probe.name)"
            let trace = try Files.read("\(output).err")
            diagnostics += trace.split(separator: "\n").filter { $0.hasPrefix(Self.installedRulesPath + ":") }
                .map(String.init)
            reports[probe.name] = Report(
                exitStatus: Int32(try Files.read("\(output).rc").trimmingBlanks()) ?? -1,
                stdout: try Files.read("\(output).out"),
                stat: try Files.read("\(output).stat"),
                trace: trace
            )
        }
        return Result(reports: reports, ruleDiagnostics: Array(Set(diagnostics)).sorted(), shell: shell)
    }
}

extension UdevSandbox.Report {
    /// Parses `udevadm test` stdout (`KEY=value` and `run: '…'` lines) and `stat` output.
    init(exitStatus: Int32, stdout: String, stat: String, trace: String) {
        var properties: [String: String] = [:]
        var runs: [String] = []
        for line in stdout.split(separator: "\n") {
            if line.hasPrefix("run: '") && line.hasSuffix("'") {
                runs.append(String(line.dropFirst("run: '".count).dropLast()))
            } else if let equals = line.firstIndex(of: "="),
                line[..<equals].allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" || $0 == "." })
            {
                properties[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
        }
        var nodes: [String: UdevSandbox.NodeState] = [:]
        for line in stat.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 3 {
                nodes[String(fields[0])] = UdevSandbox.NodeState(mode: String(fields[1]), group: String(fields[2]))
            }
        }
        self.init(
            exitStatus: exitStatus,
            properties: properties,
            tags: Set((properties["TAGS"] ?? "").split(separator: ":").map(String.init)),
            runs: runs,
            nodes: nodes,
            trace: trace
        )
    }
}
