import Agent
import AgentCore
import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

// One malloc arena: the daemon's few threads allocate little, and every extra arena keeps
// pages resident for nothing (make bench: idle_rss_kib).
pio_limit_malloc_arenas(1)

do {
    switch try DaemonCommandLine.parse(Array(CommandLine.arguments.dropFirst())) {
    case .run(let options):
        exit(await AgentDaemon.run(options))
    case .help:
        StandardStream.output.write(DaemonCommandLine.usage + "\n")
    case .version:
        StandardStream.output.write(AgentVersion.current + "\n")
    }
} catch {
    StandardStream.error.write("pio-agentd: \(error)\n\n\(DaemonCommandLine.usage)\n")
    exit(64)
}
