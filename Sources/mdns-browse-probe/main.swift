// Test peer for MDNSTests: browses mDNS with MDNSQuerier and prints every snapshot as one JSON
// line: [{"instance","service","host","port","addresses","txt","interface"}]. Run it inside a
// test's network namespace. Arguments: service types, then optionally `--interface NAME`; with
// MDNS_PROBE_TRACE set in the environment it logs every packet it takes or ignores.
import AgentCore
import Glibc
import Logging
import MDNS

var services: [String] = []
var interfaces: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--interface", let name = arguments.popFirst() {
        interfaces.append(name)
    } else {
        services.append(argument)
    }
}

/// One service as the probe prints it.
struct Listed: Encodable {
    let instance: String
    let service: String
    let host: String
    let port: UInt16
    let addresses: [String]
    let txt: [String: String]
    let interface: String
}

func line(_ snapshot: [MDNSService]) -> String {
    let listed = snapshot.map { service in
        Listed(
            instance: service.instanceName, service: service.serviceType, host: service.host, port: service.port,
            addresses: service.addresses, txt: service.txt.dictionary, interface: service.interfaceName)
    }
    return String(decoding: (try? AgentJSON.encode(listed)) ?? [], as: UTF8.self)
}

var logger = Logger(label: "mdns-browse-probe") { StreamLogHandler.standardError(label: $0) }
logger.logLevel = getenv("MDNS_PROBE_TRACE") == nil ? .info : .trace
do {
    try await withMDNSQuerier(
        configuration: MDNSQuerierConfiguration(services: services, interfaces: interfaces), logger: logger
    ) { querier in
        for await snapshot in querier.snapshots {
            print(line(snapshot))
            fflush(nil)
        }
    }
} catch {
    let message = Array("mdns-browse-probe: \(error)\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}
