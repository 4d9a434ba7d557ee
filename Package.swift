// swift-tools-version:6.2
import PackageDescription

/// Settings every first-party Swift target shares: Swift 6 language mode, strict
/// concurrency, explicit import visibility, and no warnings.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "pio-agent",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pio-agentd", targets: ["pio-agentd"]),
        .executable(name: "pioctl", targets: ["pioctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // MARK: System libraries and C shims
        .systemLibrary(
            name: "CUdev",
            pkgConfig: "libudev",
            providers: [.apt(["libudev-dev"])]
        ),
        // sd_notify, socket activation, the watchdog and the journal's native protocol, in C.
        .target(name: "CSystemd"),
        // libmosquitto's header, and trampolines that load the library on first use.
        .target(name: "CMosquitto"),
        .target(name: "CLinuxShims"),
        // MD5, SHA-256 and PBKDF2 from OpenSSL's libcrypto, loaded on first use (espota OTA).
        .target(name: "CCrypto"),
        .target(name: "ThreadSupport", dependencies: ["CLinuxShims"], swiftSettings: strictSettings),
        .target(name: "AsyncPrimitives", swiftSettings: strictSettings),

        // MARK: Modules, one per concern
        .target(name: "AgentCore", swiftSettings: strictSettings),
        .target(name: "TOML", swiftSettings: strictSettings),
        .target(
            name: "AgentConfig",
            dependencies: ["AgentCore", "Flashing", "TOML"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Udev",
            dependencies: [
                "AgentCore", "CUdev", "CLinuxShims", "ThreadSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Systemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .target(name: "Inventory", dependencies: ["AgentCore"], swiftSettings: strictSettings),
        .target(name: "SessionStream", dependencies: ["AsyncPrimitives"], swiftSettings: strictSettings),
        .target(name: "RFC2217", swiftSettings: strictSettings),
        .target(name: "UnityTest", swiftSettings: strictSettings),
        .target(name: "FirmwareStaging", dependencies: ["CCrypto"], swiftSettings: strictSettings),
        .target(name: "Flashing", dependencies: ["AgentCore", "CLinuxShims", "ThreadSupport"], swiftSettings: strictSettings),
        .target(name: "ESPOTA", dependencies: ["CCrypto", "ThreadSupport"], swiftSettings: strictSettings),
        .target(
            name: "Sessions",
            dependencies: [
                "AgentCore", "AsyncPrimitives", "Inventory", "Serial", "SessionStream",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MQTT",
            dependencies: ["CMosquitto", "ThreadSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ControlAPI",
            dependencies: [
                "AgentCore",
                "Inventory",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "ControlClient", dependencies: ["AgentCore"], swiftSettings: strictSettings),
        .target(
            name: "MDNS",
            dependencies: ["CLinuxShims", "ThreadSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Serial",
            dependencies: [
                "CLinuxShims",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CloudLink",
            dependencies: [
                "AgentCore",
                "AsyncPrimitives",
                "Inventory",
                "MQTT",
                "Sessions",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Agent",
            dependencies: [
                "AgentCore",
                "AsyncPrimitives",
                "CloudLink",
                "AgentConfig",
                "ControlAPI",
                "Inventory",
                "Sessions",
                "MDNS",
                "MQTT",
                "Serial",
                "Systemd",
                "Udev",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RemoteClient",
            dependencies: ["AgentCore", "MQTT", "SessionStream", "TOML", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SerialBridge",
            dependencies: [
                "AgentCore", "AsyncPrimitives", "RFC2217", "RemoteClient", "SessionStream",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PioctlCommands",
            dependencies: [
                "AgentCore",
                "ControlClient",
                "CLinuxShims",
                "MQTT",
                "RemoteClient",
                "SerialBridge",
                "SessionStream",
                "ThreadSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Executables (thin mains)
        .executableTarget(
            name: "pio-agentd", dependencies: ["Agent", "AgentCore", "CLinuxShims"], swiftSettings: strictSettings),
        .executableTarget(
            name: "pioctl",
            dependencies: ["PioctlCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        // A test peer: browses mDNS and prints every snapshot as a JSON line (MDNSTests).
        .executableTarget(
            name: "mdns-browse-probe",
            dependencies: ["AgentCore", "MDNS", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // A test peer: uploads an image with ESPOTA and prints the outcome as JSON (ESPOTATests).
        .executableTarget(name: "espota-upload-probe", dependencies: ["ESPOTA"], swiftSettings: strictSettings),
        // A test peer: what systemd-socket-activate passes to a program, printed and answered.
        .executableTarget(name: "systemd-activation-probe", dependencies: ["Systemd"], swiftSettings: strictSettings),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: ["AgentCore", "CLinuxShims", "ControlClient"],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "AgentCoreTests", dependencies: ["AgentCore", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "AgentConfigTests",
            dependencies: ["AgentConfig", "Flashing", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "UdevTests", dependencies: ["Udev", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory"], swiftSettings: strictSettings),
        .testTarget(name: "SessionStreamTests", dependencies: ["SessionStream", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "RFC2217Tests", dependencies: ["RFC2217", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "UnityTestTests", dependencies: ["UnityTest", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SessionsTests", dependencies: ["AgentCore", "Sessions"], swiftSettings: strictSettings),
        .testTarget(name: "FirmwareStagingTests", dependencies: ["FirmwareStaging", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "FlashingTests", dependencies: ["AgentCore", "Flashing", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "ESPOTATests", dependencies: ["AgentCore", "ESPOTA", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "SerialBridgeTests", dependencies: ["AgentCore", "RFC2217", "SerialBridge"], swiftSettings: strictSettings),
        .testTarget(
            name: "CloudTests",
            dependencies: [
                "AgentCore", "AsyncPrimitives", "ControlClient", "MQTT", "RemoteClient", "SessionStream", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "MDNSTests", dependencies: ["MDNS", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "SerialTests",
            dependencies: [
                "AgentCore", "CLinuxShims", "Serial", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RemoteClientTests",
            dependencies: ["AgentCore", "MQTT", "RemoteClient", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MQTTTests",
            dependencies: ["MQTT", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgentTests", dependencies: ["Agent", "AgentConfig", "AgentCore", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ControlAPITests",
            dependencies: [
                "ControlAPI", "ControlClient", "Inventory", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PioctlCommandsTests",
            dependencies: [
                "PioctlCommands", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "PackagingTests", dependencies: ["AgentCore", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["AgentCore", "ControlClient", "TestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
