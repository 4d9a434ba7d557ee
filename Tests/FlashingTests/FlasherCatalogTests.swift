import AgentCore
import Flashing
import Testing

@Suite struct FlasherCatalogTests {
    static func serial(vid: String? = nil, pid: String? = nil, board: String? = nil, id: String = "usb-1") -> Device {
        .serial(SerialDevice(id: id, name: "ttyUSB0", port: "/dev/ttyUSB0", vid: vid, pid: pid, board: board, since: .now()))
    }

    static let ota = Device.ota(OTADevice(
        id: "ota-esp32-kitchen", name: "esp32-kitchen", service: "_arduino._tcp", host: "esp32-kitchen.local",
        addresses: ["10.0.0.7"], port: 3232, txt: [:], board: "esp32", authRequired: false, interface: "eth0",
        since: .now(), lastSeen: .now()))

    @Test func configuredProfilesComeFirstAndTakeTheirNamesFromTheBuiltIns() throws {
        let mine = FlasherProfile(
            name: "esp32-esptool", command: ["my-esptool", "{port}", "{firmware}"], match: DeviceMatch(vid: "303a"))
        let catalog = FlasherCatalog(configured: [mine])
        #expect(catalog.profiles.filter { $0.name == "esp32-esptool" }.count == 1)
        #expect(try catalog.profile(for: Self.serial(vid: "303A")).command.first == "my-esptool")
        #expect(try catalog.profile(for: Self.serial(board: "arduino-uno")).name == "arduino-avrdude")
        #expect(try catalog.profile(for: Self.serial(vid: "2e8a")).name == "rp2040-picotool")
    }

    @Test func aMatchNeedsEveryFieldItNames() {
        let match = DeviceMatch(vid: "303A", board: "esp32-s3", kind: "serial")
        #expect(match.matches(Self.serial(vid: "303a", board: "esp32-s3")))
        #expect(!match.matches(Self.serial(vid: "303a", board: "esp32")))
        #expect(!match.matches(Self.ota))
        #expect(DeviceMatch(board: "esp32", kind: "ota").matches(Self.ota))
        #expect(DeviceMatch().matches(Self.ota))
    }

    @Test func unknownOrUnfittingProfilesAreClearErrors() throws {
        let catalog = FlasherCatalog(configured: [])
        #expect {
            try catalog.profile(for: Self.serial(board: "cp210x"))
        } throws: { ($0 as? FlashingError)?.kind == .noProfile && "\($0)".contains("--profile") }
        #expect {
            try catalog.profile(for: Self.serial(), named: "nope")
        } throws: { ($0 as? FlashingError)?.kind == .noProfile && "\($0)".contains("esp32-esptool") }
        #expect {
            try catalog.profile(for: Self.ota, named: "esp32-esptool")
        } throws: { ($0 as? FlashingError)?.kind == .badProfile }
        // A profile used only by name fits a bridge whose board nobody can tell.
        #expect(try catalog.profile(for: Self.serial(board: "cp210x"), named: "esp8266-esptool").name == "esp8266-esptool")
    }

    @Test func everyBuiltInProfileIsAWellFormedTemplate() throws {
        for profile in FlasherCatalog.builtIn {
            #expect(try FlasherTemplate.placeholders(in: profile.command).contains("firmware"), "\(profile.name)")
            #expect(profile.installHint != nil, "\(profile.name)")
        }
    }
}
