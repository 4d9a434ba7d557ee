import TestSupport

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

    /// What tomllib says of each document, in order.
    ///
    /// - Throws: ``Unavailable`` when python3 (3.11 or later) cannot run the oracle.
    static func evaluate(_ documents: [[UInt8]]) throws -> [Outcome] {
        guard let python = TestEnvironment.locate("python3") else {
            throw Unavailable(description: "python3 is not on PATH; install Python 3.11 or later, whose standard library has tomllib")
        }
        return try TemporaryDirectory.with(prefix: "toml-oracle") { directory in
            var input: [UInt8] = []
            for document in documents {
                input += Array("\(document.count)\n".utf8)
                input += document
            }
            let inputPath = try directory.write("input", bytes: input)
            let outputPath = directory.file("output")
            let result = try ChildProcess.run(python, ["-c", script, inputPath, outputPath], timeout: .seconds(120))
            guard result.status == 0 else {
                throw Unavailable(description: "python3 failed; it needs Python 3.11 or later for tomllib\n\(result)")
            }
            let lines = try Files.readBytes(outputPath).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            guard lines.count == documents.count + 1 else {
                throw Unavailable(description: "python3 answered \(lines.count - 1) of \(documents.count) documents")
            }
            return lines.dropLast().map { line -> Outcome in
                let text = String(decoding: line, as: UTF8.self)
                return text.hasPrefix("OK ") ? .accepted(String(text.dropFirst(3))) : .rejected(String(text.dropFirst(4)))
            }
        }
    }
}
