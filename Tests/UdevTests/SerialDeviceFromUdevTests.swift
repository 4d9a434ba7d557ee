import AgentCore
import Testing
import Udev

/// The mapping from udev's view of a tty to the agent's serial device, with fixtures taken from
/// real boards (`udevadm info` output), since no USB hardware is attached to the test machines.
@Suite struct SerialDeviceFromUdevTests {
    static let since = Timestamp(millisecondsSinceEpoch: 1_795_597_365_123)

    /// A CP2102 on hub port 1.3.2, as udevd describes it.
    static let cp2102 = UdevDevice(
        action: .add, sysname: "ttyUSB0",
        syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.3/1-1.3.2/1-1.3.2:1.0/ttyUSB0/tty/ttyUSB0",
        devnode: "/dev/ttyUSB0",
        properties: [
            "ID_VENDOR_ID": "10c4", "ID_MODEL_ID": "ea60", "ID_SERIAL_SHORT": "0001",
            "ID_VENDOR_ENC": "Silicon\\x20Labs", "ID_MODEL_ENC": "CP2102\\x20USB\\x20to\\x20UART\\x20Bridge\\x20Controller",
            "ID_USB_INTERFACE_NUM": "00", "ID_USB_DRIVER": "cp210x",
        ],
        devlinks: [
            "/dev/serial/by-id/usb-Silicon_Labs_CP2102_USB_to_UART_Bridge_Controller_0001-if00-port0",
            "/dev/serial/by-path/pci-0000:00:14.0-usb-0:1.3.2:1.0-port0",
        ],
        driver: "cp210x",
        usb: .init(
            path: "1-1.3.2", interfacePath: "1-1.3.2:1.0", vendorID: "10c4", productID: "ea60", serialNumber: "0001",
            manufacturer: "Silicon Labs", product: "CP2102 USB to UART Bridge Controller",
            interfaceName: "CP2102 USB to UART Bridge Controller", interfaceNumber: "00", interfaceCount: 1))

    @Test func aUSBBridgeWithUdevPropertiesMapsToEveryField() {
        let device = SerialDevice(udev: Self.cp2102, since: Self.since)
        #expect(device.id == "usb-10C4_EA60-0001")
        #expect(device.name == "ttyUSB0")
        #expect(device.port == "/dev/ttyUSB0")
        #expect(device.byID == "/dev/serial/by-id/usb-Silicon_Labs_CP2102_USB_to_UART_Bridge_Controller_0001-if00-port0")
        #expect(device.byPath == "/dev/serial/by-path/pci-0000:00:14.0-usb-0:1.3.2:1.0-port0")
        #expect(device.description == "CP2102 USB to UART Bridge Controller")
        #expect(device.hwid == "USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1.3.2")
        #expect(device.vid == "10C4")
        #expect(device.pid == "EA60")
        #expect(device.serialNumber == "0001")
        #expect(device.manufacturer == "Silicon Labs")
        #expect(device.usbPath == "1-1.3.2")
        #expect(device.driver == "cp210x")
        #expect(device.board == "cp210x")
        #expect(device.source == .udev)
        #expect(device.present)
        #expect(device.since == Self.since)
    }

    @Test func withoutUdevdTheUSBParentsSysfsAttributesFillIn() {
        var raw = Self.cp2102
        raw.properties = ["DEVNAME": "/dev/ttyUSB0", "MAJOR": "188", "MINOR": "0"]
        raw.devlinks = []
        let device = SerialDevice(udev: raw, since: Self.since)
        #expect(device.id == "usb-10C4_EA60-0001")
        #expect(device.vid == "10C4")
        #expect(device.pid == "EA60")
        #expect(device.manufacturer == "Silicon Labs")
        #expect(device.product == "CP2102 USB to UART Bridge Controller")
        #expect(device.byID == nil)
        #expect(device.driver == "cp210x")
        #expect(device.hwid == "USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1.3.2")
    }

    @Test func aCDCDeviceWithTwoInterfacesGetsTheInterfaceInItsLocation() {
        let raw = UdevDevice(
            sysname: "ttyACM0", syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/tty/ttyACM0",
            devnode: "/dev/ttyACM0", driver: "cdc_acm",
            usb: .init(
                path: "1-2", interfacePath: "1-2:1.0", vendorID: "2341", productID: "0043", serialNumber: "75833353035351E0C0B1",
                manufacturer: "Arduino (www.arduino.cc)", product: "Arduino Uno", interfaceNumber: "00", interfaceCount: 2))
        let device = SerialDevice(udev: raw, since: Self.since)
        #expect(device.hwid == "USB VID:PID=2341:0043 SER=75833353035351E0C0B1 LOCATION=1-2:1.0")
        #expect(device.board == "arduino-uno")
        #expect(device.description == "Arduino Uno")
    }

    @Test func aCloneWithoutSerialNumberIsIdentifiedByItsUSBPath() {
        let raw = UdevDevice(
            sysname: "ttyUSB3", syspath: "/sys/x", devnode: "/dev/ttyUSB3",
            properties: ["ID_VENDOR_ID": "1a86", "ID_MODEL_ID": "7523", "ID_MODEL_ENC": "USB2.0-Serial"],
            usb: .init(path: "3-1.4", interfacePath: "3-1.4:1.0", vendorID: "1a86", productID: "7523",
                       interfaceNumber: "00", interfaceCount: 1))
        let device = SerialDevice(udev: raw, since: Self.since)
        #expect(device.id == "usb-1A86_7523-path-3-1.4")
        #expect(device.serialNumber == nil)
        #expect(device.hwid == "USB VID:PID=1A86:7523 LOCATION=3-1.4")
        #expect(device.board == "ch340")
    }

    @Test func aLegacyUARTHasNoUSBIdentity() {
        let raw = UdevDevice(
            sysname: "ttyS0", syspath: "/sys/devices/pnp0/00:00/00:00:0/00:00:0.0/tty/ttyS0", devnode: "/dev/ttyS0",
            driver: "serial", serialPortType: 4)
        let device = SerialDevice(udev: raw, since: Self.since)
        #expect(device.id == "ttyS0")
        #expect(device.hwid == "n/a")
        #expect(device.description == "n/a")
        #expect(device.vid == nil)
        #expect(device.board == nil)
        #expect(device.driver == "serial")
    }
}
