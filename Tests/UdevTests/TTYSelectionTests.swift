import Testing
import Udev

@Suite struct TTYSelectionTests {
    @Test func theDefaultListsUSBAndHardwarePortsOnly() {
        let selection = TTYSelection()
        for name in ["ttyUSB0", "ttyACM12", "ttyAMA0", "ttyXRUSB1", "rfcomm0", "ttyS0"] {
            #expect(selection.admits(name: name), "\(name)")
        }
        for name in ["tty0", "tty63", "console", "ptmx", "ttyprintk", "ttyGS0"] {
            #expect(!selection.admits(name: name), "\(name)")
        }
    }

    @Test func excludeWinsOverInclude() {
        let selection = TTYSelection(include: ["ttyUSB*", "ttyACM*"], exclude: ["ttyUSB1?"])
        #expect(selection.admits(name: "ttyUSB1"))
        #expect(!selection.admits(name: "ttyUSB10"))
        #expect(selection.admits(name: "ttyACM0"))
        #expect(!TTYSelection(include: [], exclude: []).admits(name: "ttyUSB0"))
    }

    @Test func aLegacyPortIsListedOnlyWithAUARTBehindIt() {
        let selection = TTYSelection()
        let real = UdevDevice(sysname: "ttyS0", syspath: "/sys/x/ttyS0", serialPortType: 4)
        let placeholder = UdevDevice(sysname: "ttyS3", syspath: "/sys/x/ttyS3", serialPortType: 0)
        let unknown = UdevDevice(sysname: "ttyS5", syspath: "/sys/x/ttyS5")
        #expect(selection.admits(real))
        #expect(!selection.admits(placeholder))
        #expect(!selection.admits(unknown))
        #expect(selection.admits(UdevDevice(sysname: "ttyUSB0", syspath: "/sys/x/ttyUSB0")))
    }
}
