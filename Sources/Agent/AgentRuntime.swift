import AsyncPrimitives
import AgentConfig
import AgentCore
import CloudLink
import ControlAPI
import Inventory
import Logging
import MQTT
import NIOCore
import NIOPosix
import ServiceLifecycle
import Sessions
import Systemd
import Udev
import UnixSignals

/// One run of the daemon: the udev source, static ports, inventory, control API and systemd
/// integration, composed into a service group.
struct AgentRuntime {
    let options: DaemonOptions
    let logLevel: LogLevelControl
    let logger: Logger
    let settings: AgentSettings
    let cloudPassword: String?
    let inventory = Inventory()
    let inventoryReady = OneShotEvent()
    let notifier = SystemdNotifier()
    let metrics = AgentMetrics()
    let startedAt = Timestamp.now()
    let startInstant = ContinuousClock.now

    init(
        configuration: AgentConfiguration, cloudPassword: String?, options: DaemonOptions, logLevel: LogLevelControl,
        logger: Logger
    ) {
        self.options = options
        self.cloudPassword = cloudPassword
        self.logLevel = logLevel
        self.logger = logger
        settings = AgentSettings(configuration)
    }

    /// Runs until graceful shutdown; throws when start-up fails or a service fails.
    func run() async throws {
        let configuration = settings.configuration
        logger.info(
            "starting",
            metadata: [
                "agent": "\(configuration.agent.name)", "version": "\(AgentVersion.current)",
                "config": "\(configuration.file ?? "(defaults)")",
            ])
        let listener = try controlListener(for: configuration)
        // One event-loop thread is plenty for a local API; it keeps the daemon small.
        let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try await serve(listener: listener, eventLoopGroup: eventLoopGroup)
        } catch {
            try? await eventLoopGroup.shutdownGracefully()
            throw error
        }
        try await eventLoopGroup.shutdownGracefully()
    }

    private func serve(listener: ControlListener, eventLoopGroup: MultiThreadedEventLoopGroup) async throws {
        let devices = settings.configuration.devices
        let udevConfiguration = UdevMonitor.Configuration(
            selection: TTYSelection(include: devices.include, exclude: devices.exclude),
            receiveBufferSize: devices.udevReceiveBufferKiB * 1024)
        try await withUdevMonitor(configuration: udevConfiguration, logger: logger) { monitor, outputs in
            let requests = RescanRequests()
            let rescans = RescanStatistics()
            let staticPorts = StaticPortsWatcher(inventory: inventory, settings: settings)
            let serverStatistics = ControlServerStatistics()
            // Without a broker link too: local monitors (`pioctl device monitor`) use it.
            let grace = settings.configuration.cloud.map { Duration.seconds($0.sessionGraceSeconds) } ?? .seconds(60)
            let sessions = SessionManager(
                inventory: inventory, eventLoopGroup: eventLoopGroup,
                configuration: SessionConfiguration(grace: grace, lineControl: settings.lineControl(for:)), logger: logger)
            let cloud = cloudLink(sessions: sessions)
            let mdnsActivity = MDNSActivity()
            let backend = AgentBackend(
                inventory: inventory, monitor: monitor, settings: settings, staticPorts: staticPorts,
                requests: requests, rescans: rescans, serverStatistics: serverStatistics, metrics: metrics,
                listener: listener, startedAt: startedAt, startInstant: startInstant, inventoryReady: inventoryReady,
                cloud: cloud, mdns: mdnsActivity, sessions: sessions)
            // Bound before the group runs: READY=1 goes out only once the socket answers.
            let server = try await ControlServer.bind(
                configuration: ControlServerConfiguration(listener: listener), backend: backend,
                eventLoopGroup: eventLoopGroup, statistics: serverStatistics, registry: metrics.registry, logger: logger)
            var services: [(name: String, service: any Service)] = [
                ("udev", UdevInventorySource(
                    monitor: monitor, outputs: outputs, inventory: inventory, settings: settings, requests: requests,
                    statistics: rescans, firstSnapshot: inventoryReady, logger: logger)),
                ("static-ports", staticPorts),
            ]
            let mdns = settings.configuration.mdns
            if mdns.enabled {
                services.append(
                    ("mdns", MDNSInventorySource(inventory: inventory, configuration: mdns, activity: mdnsActivity, logger: logger)))
            }
            services.append(("control-api", server))
            // After the control API, so at shutdown the link says goodbye while the API still answers.
            if let cloud { services.append(("cloud", cloud)) }
            // After the link, so at shutdown the sessions close (telling their users) while it is up.
            services.append(("sessions", sessions))
            services += [
                ("reload", ConfigurationReloader(
                    options: options, settings: settings, logLevel: logLevel, monitor: monitor, staticPorts: staticPorts,
                    cloud: cloud, notifier: notifier, logger: logger)),
                // Last, so that at shutdown it is the first to stop and STOPPING=1 goes out at once.
                ("systemd", SystemdLifecycleService(
                    notifier: notifier, inventoryReady: inventoryReady, inventory: inventory, monitor: monitor,
                    socketPath: listener.displayPath, logger: logger)),
            ]
            let group = ServiceGroup(
                configuration: .init(
                    services: services.map { .init(service: $0.service, serviceName: $0.name) },
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }

    /// The link to the broker when `[cloud]` is configured.
    private func cloudLink(sessions: SessionManager?) -> CloudLink? {
        let configuration = settings.configuration
        guard let cloud = configuration.cloud else { return nil }
        let tls = cloud.url.usesTLS
            ? MQTTTLSConfiguration(
                caFile: cloud.caFile, certificateFile: cloud.certFile, keyFile: cloud.keyFile, alpn: cloud.alpn)
            : nil
        if !cloud.url.usesTLS {
            logger.warning("the broker link is plain mqtt:// without TLS", metadata: ["broker": "\(cloud.url)"])
        }
        let linkConfiguration = CloudLinkConfiguration(
            agentName: configuration.agent.name, hostname: HostName.current(), startedAt: startedAt, url: cloud.url,
            tls: tls, username: cloud.username ?? configuration.agent.name, password: cloudPassword,
            keepaliveSeconds: cloud.keepaliveSeconds, topics: RemoteTopics(prefix: cloud.prefix),
            trustUnenforcedACL: cloud.trustUnenforcedACL)
        return CloudLink(
            configuration: linkConfiguration,
            access: CloudAccess(owner: configuration.agent.owner, share: configuration.agent.share),
            inventory: inventory, sessions: sessions, logger: logger)
    }

    /// The socket systemd passed as `control`, else the configured path.
    private func controlListener(for configuration: AgentConfiguration) throws -> ControlListener {
        let activation = try SocketActivation.adoptFromEnvironment()
        if let socket = activation.socket(named: ControlSocket.activationName) {
            return .activated(descriptor: socket.descriptor, path: UnixSocketAddress.boundPath(of: socket.descriptor))
        }
        return .path(configuration.control.socket, mode: configuration.control.mode, group: configuration.control.group)
    }
}
