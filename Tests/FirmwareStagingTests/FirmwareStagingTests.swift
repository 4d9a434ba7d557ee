import FirmwareStaging
import Glibc
import TestSupport
import Testing

@Suite struct FirmwareStagingTests {
    /// `bytes`' SHA-256, by coreutils.
    static func sha256(_ bytes: [UInt8]) throws -> String {
        let directory = try TemporaryDirectory(prefix: "sha")
        defer { directory.remove() }
        let file = try directory.write("image", bytes: bytes)
        let result = try ChildProcess.run("/usr/bin/sha256sum", [file])
        return String(result.standardOutput.prefix(64))
    }

    static func image(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test("an image sent in chunks is staged byte for byte in a private file, checked against its SHA-256")
    func chunksAreStagedAndChecked() throws {
        let directory = try TemporaryDirectory(prefix: "staging")
        defer { directory.remove() }
        let staging = try FirmwareStaging(directory: directory.file("firmware"))
        let image = Self.image(1_000_003, seed: 1)
        // A name is for people only: it never becomes a path.
        let manifest = try FirmwareManifest(name: "../../etc/passwd", size: image.count, sha256: try Self.sha256(image))
        let upload = try staging.begin(manifest, owner: "bob")
        var offset = 0
        while offset < image.count {
            let end = min(offset + 262_144, image.count)
            #expect(try upload.write(Array(image[offset..<end]), at: offset) == end)
            offset = end
        }
        let path = try upload.finish()
        #expect(path.hasPrefix(directory.file("firmware/upload-")))
        #expect(try Files.readBytes(path) == image)
        var information = stat()
        #expect(stat(path, &information) == 0 && information.st_mode & 0o777 == 0o600)
        #expect(stat(directory.file("firmware"), &information) == 0 && information.st_mode & 0o777 == 0o700)
        staging.end(upload.id)
        #expect(try directory.list("firmware").isEmpty)
    }

    /// However the image is cut, with chunks sent again and overlapping, the staged file is the image.
    @Test func resumedAndRepeatedChunksGiveTheSameFile() throws {
        let directory = try TemporaryDirectory(prefix: "staging")
        defer { directory.remove() }
        let staging = try FirmwareStaging(directory: directory.file("firmware"))
        var generator = SplitMix64(seed: 2)
        for round in 0..<20 {
            let image = Self.image(Int.random(in: 1...200_000, using: &generator), seed: UInt64(round))
            let manifest = try FirmwareManifest(name: "fw.bin", size: image.count, sha256: try Self.sha256(image))
            var upload = try staging.begin(manifest, owner: "bob")
            while upload.received < image.count {
                // Resend from a little before where the transfer stands, as a client that missed an acknowledgement does.
                let start = max(0, upload.received - Int.random(in: 0...5_000, using: &generator))
                let end = min(image.count, start + Int.random(in: 1...70_000, using: &generator))
                _ = try upload.write(Array(image[start..<end]), at: start)
                if Bool.random(using: &generator) {
                    // The client reconnects and begins again: the same transfer goes on.
                    let again = try staging.begin(manifest, owner: "bob")
                    #expect(again.id == upload.id)
                    upload = again
                }
            }
            #expect(try Files.readBytes(try upload.finish()) == image)
            staging.end(upload.id)
        }
        #expect(try directory.list("firmware").isEmpty)
    }

    @Test func badTransfersAreRefusedAndLeaveNothingBehind() throws {
        let directory = try TemporaryDirectory(prefix: "staging")
        defer { directory.remove() }
        let staging = try FirmwareStaging(
            directory: directory.file("firmware"), limits: FirmwareLimits(maxBytes: 100_000, maxTransfers: 2))
        let image = Self.image(50_000, seed: 3)
        let digest = try Self.sha256(image)
        #expect { try staging.begin(try FirmwareManifest(name: "big.bin", size: 100_001, sha256: digest), owner: "bob") } throws: {
            ($0 as? FirmwareError)?.kind == .tooLarge
        }
        #expect(try directory.list("firmware").isEmpty, "refused before a file was made")

        let upload = try staging.begin(try FirmwareManifest(name: "a.bin", size: image.count, sha256: digest), owner: "bob")
        #expect { try upload.write(Array(image[100..<200]), at: 100) } throws: { ($0 as? FirmwareError)?.kind == .outOfOrder }
        #expect { try upload.write(image + [0], at: 0) } throws: { ($0 as? FirmwareError)?.kind == .outOfOrder }
        #expect { try upload.finish() } throws: { ($0 as? FirmwareError)?.kind == .incomplete }
        var corrupted = image
        corrupted[777] ^= 0x01
        _ = try upload.write(corrupted, at: 0)
        #expect { try upload.finish() } throws: { ($0 as? FirmwareError)?.kind == .mismatch }
        staging.end(upload.id)

        _ = try staging.begin(try FirmwareManifest(name: "b.bin", size: 10, sha256: digest), owner: "alice")
        _ = try staging.begin(try FirmwareManifest(name: "c.bin", size: 11, sha256: digest), owner: "alice")
        #expect { try staging.begin(try FirmwareManifest(name: "d.bin", size: 12, sha256: digest), owner: "eve") } throws: {
            ($0 as? FirmwareError)?.kind == .busy
        }
        #expect(staging.sweep(now: .now + .seconds(3600)).count == 2)
        #expect(try directory.list("firmware").isEmpty)
    }

    @Test(arguments: [("", 1, String(repeating: "a", count: 64)), ("a\nb", 1, String(repeating: "a", count: 64)),
                      ("x", 0, String(repeating: "a", count: 64)), ("x", 1, "abc"), ("x", 1, String(repeating: "g", count: 64))])
    func malformedManifestsAreRefused(name: String, size: Int, sha256: String) {
        #expect(throws: FirmwareError.self) { try FirmwareManifest(name: name, size: size, sha256: sha256) }
    }

    @Test func filesLeftByAStoppedAgentAreDeleted() throws {
        let directory = try TemporaryDirectory(prefix: "staging")
        defer { directory.remove() }
        _ = try directory.write("firmware/upload-0123456789abcdef.part", "half an image")
        _ = try directory.write("firmware/keep.txt", "not ours")
        _ = try FirmwareStaging(directory: directory.file("firmware"))
        #expect(try directory.list("firmware") == ["keep.txt"])
    }
}
