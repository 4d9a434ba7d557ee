import AgentCore
import TestSupport
import Testing

/// ESPOTAUploader against the espota device simulator (`Tests/peers/espota_device.py`), the device
/// in one network namespace and the uploader (`espota-upload-probe`) in the other, across a veth
/// pair: the device connects back to the address the invitation came from, as a board does.
@Suite("espota uploads across a veth pair", .serialized, .timeLimit(.minutes(1)))
struct ESPOTAUploadTests {
    /// A device simulator of `flavor` in the pair's first namespace, with `options`.
    struct Device {
        let pair: NetworkNamespacePair
        let process: ChildProcess
        let output: OutputRecorder
        let directory: TemporaryDirectory
        let port = 3232

        static func start(_ flavor: String, _ options: [String] = []) async throws -> Device {
            let pair = try await NetworkNamespacePair()
            let directory = try TemporaryDirectory(prefix: "espota")
            let python = try ZeroconfBoards.python()
            let process = try pair.spawn(
                in: pair.first, python,
                arguments: [
                    PackageFiles.path("Tests/peers/espota_device.py"), "--ip", pair.firstAddress, "--port", "3232",
                    "--flavor", flavor, "--output", directory.file("flashed.bin"),
                ] + options)
            let output = try OutputRecorder(reading: process.standardOutput, label: "espota device")
            let device = Device(pair: pair, process: process, output: output, directory: directory)
            do {
                try await output.wait(for: "ready")
            } catch {
                device.stop()
                throw error
            }
            return device
        }

        /// Uploads `image` from the second namespace; returns the probe's JSON answer.
        func upload(_ image: [UInt8], _ options: [String] = [], port: Int? = nil) async throws -> [String: JSONValue] {
            let file = try directory.write("image.bin", bytes: image)
            let probe = try TestBinaries.path(of: "espota-upload-probe")
            let result = try await ChildProcess.run(
                "ip", ["netns", "exec", pair.second, probe, pair.firstAddress, "\(port ?? self.port)", file] + options,
                timeout: .seconds(45))
            let line = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
            guard let answer = try? AgentJSON.decode([String: JSONValue].self, from: Array(line.utf8)) else {
                throw TestFailure("espota-upload-probe printed no answer: \(result)")
            }
            return answer
        }

        /// The image the device wrote.
        func flashed() throws -> [UInt8] {
            try Files.readBytes(directory.file("flashed.bin"))
        }

        func stop() {
            process.terminate()
            output.stop()
            directory.remove()
            pair.remove()
        }
    }

    /// An ESP image: the magic byte, then `count - 1` bytes of a seeded pattern.
    static func image(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        return [0xE9] + (1..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test("an ESP32 without a password takes 300 000 bytes, byte for byte, its OK glued to the last acknowledgement")
    func esp32WithoutPassword() async throws {
        let device = try await Device.start("esp32")
        defer { device.stop() }
        let image = Self.image(300_000, seed: 1)
        let answer = try await device.upload(image)
        #expect(answer["ok"] == true, "\(answer)")
        #expect(answer["authentication"] == .null)
        try await device.output.wait(for: "done 300000")
        #expect(try device.flashed() == image)
    }

    @Test("an ESP8266 with a password (MD5 challenge), its acknowledgements split and glued together")
    func esp8266WithPassword() async throws {
        let device = try await Device.start("esp8266", ["--password", "s3cret", "--split-acks"])
        defer { device.stop() }
        let image = Self.image(100_003, seed: 2)
        let answer = try await device.upload(image, ["--password", "s3cret"])
        #expect(answer["ok"] == true, "\(answer)")
        #expect(answer["authentication"] == "md5")
        try await device.output.wait(for: "done 100003")
        #expect(try device.flashed() == image)
    }

    @Test("an ESP32 of core 3.3.1 on (PBKDF2-SHA256), and one that stored an MD5 of the password")
    func esp32PBKDF2() async throws {
        for (hash, method) in [("sha256", "pbkdf2-sha256"), ("md5", "pbkdf2-md5")] {
            let device = try await Device.start("esp32-sha256", ["--password", "admin", "--password-hash", hash])
            defer { device.stop() }
            let image = Self.image(20_000, seed: 3)
            let answer = try await device.upload(image, ["--password", "admin"])
            #expect(answer["ok"] == true, "\(answer)")
            #expect(answer["authentication"] == .string(method))
            try await device.output.wait(for: "done 20000")
            #expect(try device.flashed() == image)
        }
    }

    @Test("each failure says which step failed: password, begin, MD5, no device")
    func failures() async throws {
        let locked = try await Device.start("esp8266", ["--password", "right"])
        defer { locked.stop() }
        let wrong = try await locked.upload(Self.image(5000, seed: 4), ["--password", "wrong"])
        #expect(wrong["kind"] == "authenticationFailed", "\(wrong)")
        let none = try await locked.upload(Self.image(5000, seed: 4))
        #expect(none["kind"] == "authenticationFailed", "\(none)")
        #expect(none["error"].map { "\($0)".contains("asks for a password") } == true, "\(none)")

        let full = try await Device.start("esp8266", ["--fail", "begin"])
        defer { full.stop() }
        let refused = try await full.upload(Self.image(5000, seed: 5))
        #expect(refused["kind"] == "refused", "\(refused)")
        #expect(refused["error"].map { "\($0)".contains("Not Enough Space") } == true, "\(refused)")

        let corrupt = try await Device.start("esp32", ["--fail", "md5"])
        defer { corrupt.stop() }
        let rejected = try await corrupt.upload(Self.image(5000, seed: 6))
        #expect(rejected["kind"] == "rejected", "\(rejected)")
        #expect(rejected["error"].map { "\($0)".contains("MD5 Check Failed") } == true, "\(rejected)")

        let magic = try await corrupt.upload([0x00] + Self.image(4000, seed: 7))
        #expect(magic["kind"] == "rejected" && magic["error"].map { "\($0)".contains("Wrong Magic Byte") } == true, "\(magic)")

        let silent = try await corrupt.upload(Self.image(100, seed: 8), ["--invitation-tries", "2", "--reply-ms", "200"], port: 3299)
        #expect(silent["kind"] == "noAnswer", "\(silent)")

        // An ESP32 that cannot begin says OK and never connects.
        let quiet = try await Device.start("esp32", ["--fail", "begin"])
        defer { quiet.stop() }
        let unconnected = try await quiet.upload(Self.image(100, seed: 9), ["--connect-ms", "500"])
        #expect(unconnected["kind"] == "noConnection", "\(unconnected)")
    }
}
