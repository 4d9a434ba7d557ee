import AgentCore
import Glibc
import TestSupport
import Testing

/// `udev-rules/99-pio-agent.rules`: its syntax, what it does to devices, and its agreement with
/// `BoardCatalog.standard`.
///
/// udev 252 has no `udevadm verify` (it came in 253), so the rules are checked by `udevadm test`
/// in a ``UdevSandbox``: udev parses the file, logs any bad line, and prints the properties,
/// tags and RUN list it would apply. That needs root (mount namespace, mknod).
@Suite("udev rules")
struct UdevRulesTests {
    private static let pioctlDirectory = "/opt/pio-test/bin"
    private static let reannouncePrefix = "\(pioctlDirectory)/pioctl reannounce --device"

    /// Vendors the rules grant access to without the catalog guessing a board for them. None
    /// today; a vendor belongs here only if the agent should give its devices no board slug.
    private static let vendorsWithoutGuess: Set<UInt16> = []

    private static func rulesFile() throws -> UdevRulesFile {
        UdevRulesFile(text: try PackageFiles.read(PackageFiles.udevRules))
    }

    private static func installedRules() throws -> String {
        try PackageFiles.installed(PackageFiles.udevRules, bindir: pioctlDirectory)
    }

    // MARK: Static checks (no privileges needed)

    @Test("every rule line parses into KEY op \"value\" tokens")
    func rulesAreWellFormed() throws {
        let file = try Self.rulesFile()
        #expect(file.rules.count > 20)
        for rule in file.rules {
            #expect(rule.leftover.isEmpty, "line \(rule.line) has stray text: \(rule.leftover)")
            #expect(!rule.tokens.isEmpty, "line \(rule.line) has no tokens")
        }
    }

    @Test("ids are written as sysfs shows them: four lowercase hex digits (or a lowercase glob)")
    func idsAreLowercaseHex() throws {
        let hexDigits = Set("0123456789abcdef")
        for grant in try Self.rulesFile().accessGrants {
            #expect(grant.vendor.count == 4 && grant.vendor.allSatisfy(hexDigits.contains), "line \(grant.line)")
            if let product = grant.product {
                #expect(product.allSatisfy { !$0.isUppercase }, "line \(grant.line): \(product)")
                if !grant.productIsPattern {
                    #expect(product.count == 4 && product.allSatisfy(hexDigits.contains), "line \(grant.line)")
                }
            }
        }
    }

    @Test("the reannounce rule runs pioctl with a 1 s timeout for the agent's tty names")
    func reannounceRule() throws {
        let runs = try Self.rulesFile().rules.filter { $0.value("RUN", "+=")?.contains("pioctl") == true }
        try #require(runs.count == 1, "expected one pioctl RUN rule, found \(runs.map(\.line))")
        let rule = runs[0]
        #expect(rule.value("RUN", "+=") == "@BINDIR@/pioctl reannounce --device %k --timeout 1")
        let kernelNames = Set((rule.value("KERNEL", "==") ?? "").split(separator: "|").map(String.init))
        #expect(
            kernelNames == [
                "ttyUSB[0-9]*", "ttyACM[0-9]*", "ttyS[0-9]*", "ttyAMA[0-9]*", "ttyXRUSB[0-9]*", "rfcomm[0-9]*",
            ])
        let text = try PackageFiles.read(PackageFiles.udevRules)
        #expect(text.contains("udevadm control --reload && udevadm trigger --subsystem-match=tty"))
    }

    @Test("every vendor granted access has a board guess in BoardCatalog.standard (or is listed as exception)")
    func grantedVendorsAreInCatalog() throws {
        let catalog = BoardCatalog.standard
        let catalogVendors = Set(catalog.entries.map(\.vendorID))
        let vendorWide = Set(catalog.entries.filter { $0.productID == nil }.map(\.vendorID))
        for grant in try Self.rulesFile().accessGrants {
            let vendor = try #require(UInt16(grant.vendor, radix: 16), "line \(grant.line): \(grant.vendor)")
            if Self.vendorsWithoutGuess.contains(vendor) { continue }
            #expect(catalogVendors.contains(vendor), "line \(grant.line): vendor \(grant.vendor) is not in the catalog")
            if let product = grant.product, !grant.productIsPattern {
                let productID = try #require(UInt16(product, radix: 16))
                #expect(
                    catalog.board(vendorID: vendor, productID: productID) != nil,
                    "line \(grant.line): \(grant.vendor):\(product) has no board guess"
                )
            } else if grant.product == nil {
                #expect(vendorWide.contains(vendor), "line \(grant.line): vendor-wide grant, no vendor-wide guess")
            }
        }
    }

    @Test("every id in BoardCatalog.standard is granted access by the rules")
    func catalogIsGranted() throws {
        let grants = try Self.rulesFile().accessGrants
        for entry in BoardCatalog.standard.entries {
            let granted = grants.contains { $0.matches(vendorID: entry.vendorID, productID: entry.productID) }
            let id =
                UdevRulesFile.AccessGrant.sysfsHex(entry.vendorID)
                + ":" + (entry.productID.map(UdevRulesFile.AccessGrant.sysfsHex) ?? "*")
            #expect(granted, "\(id) (\(entry.board)) is in the catalog but the rules grant no access to it")
        }
    }

    // MARK: udevadm test in a sandbox (root)

    @Test("udev parses the rules and runs the reannounce on a real serial port's add and remove")
    func realSerialPort() throws {
        try Self.requireSandbox()
        let port = try Self.realSerialPort()
        let node = UdevSandbox.DeviceNode(path: "/dev/\(port.name)", major: port.major, minor: port.minor)
        let sandbox = UdevSandbox(rules: try Self.installedRules(), sysfs: nil, nodes: [node])
        let result = try TemporaryDirectory.with(prefix: "udev-sandbox") { workspace in
            try sandbox.run(
                [
                    .init(name: "add", action: "add", syspath: port.syspath, nodes: [node]),
                    .init(name: "remove", action: "remove", syspath: port.syspath, nodes: []),
                ],
                workspace: workspace
            )
        }
        #expect(result.ruleDiagnostics.isEmpty, "udev complained about the rules: \(result.ruleDiagnostics)")
        for action in ["add", "remove"] {
            let report = try #require(result.reports[action])
            #expect(report.exitStatus == 0, "\(report.trace)")
            #expect(
                report.runs.contains("\(Self.reannouncePrefix) \(port.name) --timeout 1"),
                "\(action): RUN list \(report.runs)"
            )
        }
        // Only the access part looks at vendor ids; a built-in UART matches none of them.
        #expect(result.reports["add"]?.properties["PIO_AGENT_ACCESS"] == nil)
    }

    @Test("boards get group dialout on their tty and raw USB device; other devices do not")
    func usbAccess() throws {
        try Self.requireSandbox()
        let cp2102 = FakeSysfs.USBDevice(
            port: "1-1", deviceNumber: 2, vendorID: 0x10C4, productID: 0xEA60,
            interfaces: [(0xFF, 0x00, 0x00)],
            serialPort: .init(kernelName: "ttyUSB0", major: 188, minor: 0)
        )
        let pico = FakeSysfs.USBDevice(
            port: "1-2", deviceNumber: 3, vendorID: 0x2E8A, productID: 0x000A,
            interfaces: [(0x02, 0x02, 0x00), (0x0A, 0x00, 0x00), (0xFF, 0x00, 0x01)],
            serialPort: .init(kernelName: "ttyACM0", major: 166, minor: 0)
        )
        let unknownBridge = FakeSysfs.USBDevice(
            port: "1-3", deviceNumber: 4, vendorID: 0x1234, productID: 0x5678,
            interfaces: [(0xFF, 0x00, 0x00)],
            serialPort: .init(kernelName: "ttyUSB1", major: 188, minor: 1)
        )
        // A keyboard from a vendor with a vendor-wide grant (the Raspberry Pi 500's keyboard).
        let keyboard = FakeSysfs.USBDevice(
            port: "1-4", deviceNumber: 5, vendorID: 0x2E8A, productID: 0x0010,
            interfaces: [(0x03, 0x01, 0x01)], serialPort: nil
        )
        let devices = [cp2102, pico, unknownBridge, keyboard]

        let result = try TemporaryDirectory.with(prefix: "udev-sandbox") { workspace in
            let sysfs = try FakeSysfs.write(devices, into: workspace.makeDirectories("sys"))
            let nodes = devices.flatMap { [$0.usbNode] + ($0.serialNode.map { [$0] } ?? []) }
            let sandbox = UdevSandbox(rules: try Self.installedRules(), sysfs: sysfs, nodes: nodes)
            var probes: [UdevSandbox.Probe] = []
            for (index, device) in devices.enumerated() {
                probes.append(
                    .init(name: "usb\(index)", action: "add", syspath: device.syspath, nodes: [device.usbNode]))
                if let syspath = device.serialSyspath, let node = device.serialNode {
                    probes.append(.init(name: "tty\(index)", action: "add", syspath: syspath, nodes: [node]))
                }
            }
            if let syspath = cp2102.serialSyspath {
                probes.append(.init(name: "tty0-remove", action: "remove", syspath: syspath, nodes: []))
            }
            return try sandbox.run(probes, workspace: workspace)
        }
        #expect(result.ruleDiagnostics.isEmpty, "udev complained about the rules: \(result.ruleDiagnostics)")
        let dialout = UdevSandbox.NodeState(mode: "660", group: "dialout")

        // CP2102 bridge: tty and USB device.
        let bridgeTTY = try #require(result.reports["tty0"])
        #expect(bridgeTTY.nodes["/dev/ttyUSB0"] == dialout, "\(bridgeTTY.trace)")
        #expect(bridgeTTY.properties["PIO_AGENT_ACCESS"] == "1")
        #expect(bridgeTTY.properties["ID_MM_DEVICE_IGNORE"] == "1")
        #expect(bridgeTTY.tags.contains("uaccess"))
        #expect(bridgeTTY.runs.contains("uaccess"))
        #expect(bridgeTTY.runs.contains("\(Self.reannouncePrefix) ttyUSB0 --timeout 1"), "\(bridgeTTY.runs)")
        #expect(result.reports["usb0"]?.nodes[cp2102.usbNode.path] == dialout)
        #expect(result.reports["tty0-remove"]?.runs.contains("\(Self.reannouncePrefix) ttyUSB0 --timeout 1") == true)

        // Pico SDK CDC port of an RP2040 (vendor-wide grant): tty and USB device (picotool).
        let picoTTY = try #require(result.reports["tty1"])
        #expect(picoTTY.nodes["/dev/ttyACM0"] == dialout, "\(picoTTY.trace)")
        #expect(picoTTY.runs.contains("\(Self.reannouncePrefix) ttyACM0 --timeout 1"), "\(picoTTY.runs)")
        #expect(result.reports["usb1"]?.nodes[pico.usbNode.path] == dialout)

        // Unknown bridge: the agent still hears of its port, but the rules grant nothing.
        let unknownTTY = try #require(result.reports["tty2"])
        #expect(unknownTTY.properties["PIO_AGENT_ACCESS"] == nil)
        #expect(!unknownTTY.tags.contains("uaccess"))
        #expect(unknownTTY.runs.contains("\(Self.reannouncePrefix) ttyUSB1 --timeout 1"), "\(unknownTTY.runs)")
        let unknownUSB = try #require(result.reports["usb2"])
        #expect(unknownUSB.properties["PIO_AGENT_ACCESS"] == nil)
        #expect(unknownUSB.nodes[unknownBridge.usbNode.path]?.group != "dialout")

        // Keyboard of a board vendor: its raw device is not handed to dialout.
        let keyboardUSB = try #require(result.reports["usb3"])
        #expect(keyboardUSB.properties["ID_USB_INTERFACES"] == ":030101:", "\(keyboardUSB.trace)")
        #expect(keyboardUSB.properties["PIO_AGENT_ACCESS"] == nil)
        #expect(keyboardUSB.nodes[keyboard.usbNode.path]?.group != "dialout")
    }

    @Test("the sandbox reports a broken rule, so a clean run means something")
    func sandboxCatchesBrokenRules() throws {
        try Self.requireSandbox()
        let port = try Self.realSerialPort()
        let broken =
            try Self.installedRules() + "\nKERNEL==\"ttyS0\", FOO=\"bar\"\nSUBSYSTEM==\"tty\", GOTO=\"nowhere\"\n"
        let sandbox = UdevSandbox(rules: broken, sysfs: nil, nodes: [])
        let result = try TemporaryDirectory.with(prefix: "udev-sandbox") { workspace in
            try sandbox.run([.init(name: "add", action: "add", syspath: port.syspath, nodes: [])], workspace: workspace)
        }
        #expect(result.ruleDiagnostics.contains { $0.contains("FOO") }, "\(result.reports["add"]?.trace ?? "")")
        #expect(result.ruleDiagnostics.contains { $0.contains("nowhere") }, "\(result.ruleDiagnostics)")
    }

    // MARK: Helpers

    private static func requireSandbox() throws {
        try SystemTestPolicy.requireRoot(for: "udevadm test in a private mount namespace")
        try SystemTestPolicy.requireTool("udevadm")
        try SystemTestPolicy.requireTool("unshare")
    }

    /// A serial port of this host that the agent tracks (ttyS0 on most PCs).
    private static func realSerialPort() throws -> (name: String, syspath: String, major: UInt32, minor: UInt32) {
        for name in ["ttyS0", "ttyAMA0", "ttyS1", "ttyS2", "ttyS3"] {
            let syspath = "/sys/class/tty/\(name)"
            guard let dev = try? Files.read("\(syspath)/dev").trimmingBlanks() else { continue }
            let numbers = dev.split(separator: ":").compactMap { UInt32($0) }
            if numbers.count == 2 {
                return (name, syspath, numbers[0], numbers[1])
            }
        }
        try SystemTestPolicy.unavailable("no ttyS0/ttyAMA0 serial port in /sys/class/tty")
    }
}
