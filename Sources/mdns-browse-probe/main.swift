// Test peer for MDNSTests: browses mDNS with MDNSQuerier and prints every snapshot as one JSON
// line: [{"instance","service","host","port","addresses","txt","interface"}]. Run it inside a
// test's network namespace. Arguments: service types, then optionally `--interface NAME`; with
// MDNS_PROBE_TRACE set in the environment it logs every packet it takes or ignores.
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

func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

func line(_ snapshot: [MDNSService]) -> String {
    let items = snapshot.map { service in
        let txt = service.txt.dictionary.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }
        var interfaceName = [CChar](repeating: 0, count: 16)
        let name = if_indextoname(UInt32(service.interface), &interfaceName) == nil
            ? "\(service.interface)" : String(decoding: interfaceName.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "{\"instance\":\(quoted(service.instanceName)),\"service\":\(quoted(service.serviceType)),"
            + "\"host\":\(quoted(service.host)),\"port\":\(service.port),"
            + "\"addresses\":[\(service.addresses.map(quoted).joined(separator: ","))],"
            + "\"txt\":{\(txt.joined(separator: ","))},\"interface\":\(quoted(name))}"
    }
    return "[" + items.joined(separator: ",") + "]"
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
