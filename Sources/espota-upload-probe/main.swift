// Test peer for ESPOTATests: uploads a file to an espota device with ESPOTAUploader and prints one
// JSON line: {"ok":true,"bytes":N,"authentication":"md5"|…|null} or {"ok":false,"kind":"…","error":"…"}.
// Run it inside a test's network namespace. Arguments: HOST PORT FILE [--password TEXT]
// [--chunk BYTES] [--invitation-tries N] [--reply-ms MS] [--connect-ms MS] [--ack-ms MS].
import ESPOTA
import Glibc

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, let port = UInt16(arguments[1]) else {
    print("usage: espota-upload-probe HOST PORT FILE [--password TEXT] [--chunk BYTES] …")
    exit(64)
}
let host = arguments[0]
let path = arguments[2]
var password: String?
var uploader = ESPOTAUploader()
var index = 3
while index + 1 < arguments.count {
    let value = arguments[index + 1]
    switch arguments[index] {
    case "--password": password = value
    case "--chunk": uploader.chunkSize = Int(value) ?? uploader.chunkSize
    case "--invitation-tries": uploader.timeouts.invitationTries = Int(value) ?? 1
    case "--reply-ms": uploader.timeouts.invitationReply = .milliseconds(Int(value) ?? 2000)
    case "--connect-ms": uploader.timeouts.connection = .milliseconds(Int(value) ?? 15000)
    case "--ack-ms": uploader.timeouts.acknowledgement = .milliseconds(Int(value) ?? 10000)
    default: break
    }
    index += 2
}

func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes += buffer[..<count]
    }
    return bytes
}

func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        default: out += scalar.value < 0x20 ? "\\u00" + String(scalar.value, radix: 16).leftPadded : String(scalar)
        }
    }
    return out + "\""
}

extension String {
    var leftPadded: String { count < 2 ? "0" + self : self }
}

guard let image = readFile(path) else {
    print("{\"ok\":false,\"kind\":\"local\",\"error\":\(quoted("cannot read \(path)"))}")
    exit(1)
}
do {
    let report = try await uploader.upload(image, host: host, port: port, password: password)
    let method = report.authentication.map(quoted) ?? "null"
    print("{\"ok\":true,\"bytes\":\(report.bytes),\"authentication\":\(method)}")
} catch {
    print("{\"ok\":false,\"kind\":\(quoted("\(error.kind)")),\"error\":\(quoted(error.message))}")
    exit(1)
}
