import Glibc

/// Parses documents with Python's standard `tomllib`, in one `python3` subprocess per batch, and renders
/// each result in ``CanonicalForm``.
enum PythonTOMLOracle {
    /// What `tomllib` made of one document.
    enum Outcome {
        /// Parsed; the canonical rendering of the root table.
        case accepted(String)
        /// Rejected, with Python's exception message.
        case rejected(String)
    }

    /// Why the oracle could not run at all.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// The Python side: reads length-prefixed documents from the input file and writes one line per
    /// document, `OK <canonical form>` or `ERR <message>`.
    private static let script = #"""
        import datetime, math, struct, sys, tomllib

        def render(value):
            if isinstance(value, bool):
                return "b:true" if value else "b:false"
            if isinstance(value, int):
                return "i:%d" % value
            if isinstance(value, float):
                return "f:nan" if math.isnan(value) else "f:" + struct.pack(">d", value).hex()
            if isinstance(value, str):
                return "s:" + value.encode("utf-8").hex()
            if isinstance(value, datetime.datetime):
                text = "%04d-%02d-%02dT%02d:%02d:%02d.%06d" % (value.year, value.month, value.day,
                    value.hour, value.minute, value.second, value.microsecond)
                if value.tzinfo is None:
                    return "ldt:" + text
                return "odt:%s@%d" % (text, int(value.utcoffset().total_seconds()) // 60)
            if isinstance(value, datetime.date):
                return "ld:%04d-%02d-%02d" % (value.year, value.month, value.day)
            if isinstance(value, datetime.time):
                return "lt:%02d:%02d:%02d.%06d" % (value.hour, value.minute, value.second, value.microsecond)
            if isinstance(value, list):
                return "[" + ",".join(render(element) for element in value) + "]"
            entries = sorted((key.encode("utf-8").hex(), render(item)) for key, item in value.items())
            return "{" + ",".join("%s=%s" % entry for entry in entries) + "}"

        data = open(sys.argv[1], "rb").read()
        position, lines = 0, []
        while position < len(data):
            newline = data.index(b"\n", position)
            length = int(data[position:newline])
            document = data[newline + 1:newline + 1 + length]
            position = newline + 1 + length
            try:
                lines.append("OK " + render(tomllib.loads(document.decode("utf-8"))))
            except Exception as error:
                lines.append("ERR %s: %s" % (type(error).__name__, str(error).replace("\n", " ")))
        with open(sys.argv[2], "w", encoding="utf-8", errors="replace") as output:
            output.write("".join(line + "\n" for line in lines))
        """#

    /// Parses every document with `tomllib` and returns the outcomes in the same order.
    static func evaluate(_ documents: [[UInt8]]) throws(Unavailable) -> [Outcome] {
        var template = Array("/tmp/toml-oracle-XXXXXX".utf8CString)
        guard let directoryPointer = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap(mkdtemp) }) else {
            throw Unavailable(description: "cannot create a temporary directory (errno \(errno))")
        }
        let directory = String(cString: directoryPointer)
        let inputPath = directory + "/input"
        let outputPath = directory + "/output"
        defer {
            unlink(inputPath)
            unlink(outputPath)
            rmdir(directory)
        }
        var input: [UInt8] = []
        for document in documents {
            input += Array("\(document.count)\n".utf8)
            input += document
        }
        try writeFile(inputPath, contents: input)
        try runPython(arguments: ["-c", script, inputPath, outputPath])
        let lines = try readFile(outputPath).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == documents.count + 1 else {
            throw Unavailable(description: "python3 answered \(lines.count - 1) of \(documents.count) documents")
        }
        return lines.dropLast().map { line -> Outcome in
            let text = String(decoding: line, as: UTF8.self)
            return text.hasPrefix("OK ") ? .accepted(String(text.dropFirst(3))) : .rejected(String(text.dropFirst(4)))
        }
    }

    /// Runs `python3` from `PATH` with `arguments` and waits for it to exit successfully.
    private static func runPython(arguments: [String]) throws(Unavailable) {
        let argumentVector: [UnsafeMutablePointer<CChar>?] = (["python3"] + arguments).map { strdup($0) } + [nil]
        defer { argumentVector.forEach { free($0) } }
        var processID: pid_t = 0
        let spawnResult = posix_spawnp(&processID, "python3", nil, nil, argumentVector, environ)
        guard spawnResult == 0 else {
            throw Unavailable(description: "cannot start python3 from PATH (\(String(cString: strerror(spawnResult))));"
                + " install Python 3.11 or later, whose standard library has tomllib")
        }
        var status: Int32 = 0
        while waitpid(processID, &status, 0) == -1 && errno == EINTR {}
        // The exit code is in bits 8-15 of the wait status; the low 7 bits are a terminating signal.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw Unavailable(description: "python3 failed (wait status \(status)); it needs Python 3.11 or later "
                + "for tomllib")
        }
    }

    private static func writeFile(_ path: String, contents: [UInt8]) throws(Unavailable) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw Unavailable(description: "cannot create \(path) (errno \(errno))")
        }
        defer { close(descriptor) }
        var written = 0
        while written < contents.count {
            let result = contents[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else {
                throw Unavailable(description: "cannot write \(path) (errno \(errno))")
            }
            written += result
        }
    }

    private static func readFile(_ path: String) throws(Unavailable) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw Unavailable(description: "cannot open \(path) (errno \(errno))")
        }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            contents += chunk[0..<count]
        }
        return contents
    }
}
