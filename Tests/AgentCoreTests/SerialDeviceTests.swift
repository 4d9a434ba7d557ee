import AgentCore
import TestSupport
import Testing

@Suite struct SerialDeviceTests {
    @Test func idPrefersTheSerialNumberThenTheUSBPathThenTheKernelName() {
        #expect(
            SerialDevice.stableID(
                vendorID: "10C4", productID: "EA60", serialNumber: "0001", interfaceNumber: "00", usbPath: "1-1.3",
                kernelName: "ttyUSB0") == "usb-10C4_EA60-0001")
        #expect(
            SerialDevice.stableID(
                vendorID: "1A86", productID: "7523", serialNumber: nil, interfaceNumber: "00", usbPath: "1-1.3.2",
                kernelName: "ttyUSB1") == "usb-1A86_7523-path-1-1.3.2")
        #expect(
            SerialDevice.stableID(
                vendorID: nil, productID: nil, serialNumber: nil, interfaceNumber: nil, usbPath: nil, kernelName: "ttyS0")
                == "ttyS0")
        #expect(
            SerialDevice.stableID(
                vendorID: "1A86", productID: "7523", serialNumber: "", interfaceNumber: nil, usbPath: "2-4",
                kernelName: "ttyUSB1") == "usb-1A86_7523-path-2-4")
    }

    @Test func theSecondPortOfADualBridgeGetsItsInterface() {
        let first = SerialDevice.stableID(
            vendorID: "0403", productID: "6010", serialNumber: "FT1", interfaceNumber: "00", usbPath: "1-2", kernelName: "ttyUSB0")
        let second = SerialDevice.stableID(
            vendorID: "0403", productID: "6010", serialNumber: "FT1", interfaceNumber: "01", usbPath: "1-2", kernelName: "ttyUSB1")
        #expect(first == "usb-0403_6010-FT1")
        #expect(second == "usb-0403_6010-FT1-if01")
    }

    @Test func idsStaySafeForPathsWhateverTheSerialNumberHolds() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2_000 {
            let serial = String((0..<Int.random(in: 1...80, using: &generator)).map { _ in
                Character(Unicode.Scalar(UInt8.random(in: 1...255, using: &generator)))
            })
            let id = SerialDevice.stableID(
                vendorID: "303A", productID: "1001", serialNumber: serial, interfaceNumber: nil, usbPath: nil,
                kernelName: "ttyACM0")
            #expect(id.utf8.allSatisfy { "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".utf8.contains($0) })
            #expect(id.utf8.count <= 128)
        }
    }

    @Test func hardwareIDFollowsPlatformIO() {
        #expect(
            HardwareID.format(vendorID: "10C4", productID: "EA60", serialNumber: "0001", location: "1-1.3.2")
                == "USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1.3.2")
        #expect(HardwareID.format(vendorID: "2341", productID: "0043", serialNumber: nil, location: "1-2:1.0")
            == "USB VID:PID=2341:0043 LOCATION=1-2:1.0")
        #expect(HardwareID.format(vendorID: nil, productID: nil, serialNumber: nil, location: nil) == "n/a")
    }

    @Test func jsonHasEveryKeyWithExplicitNullsAndRoundTrips() throws {
        let device = SerialDevice(
            id: "ttyS0", name: "ttyS0", port: "/dev/ttyS0", driver: "serial",
            since: Timestamp(millisecondsSinceEpoch: 1_795_597_365_123))
        let text = String(decoding: try AgentJSON.encode(Device.serial(device)), as: UTF8.self)
        for key in [
            "id", "kind", "name", "port", "by_id", "by_path", "description", "hwid", "vid", "pid", "serial_number",
            "manufacturer", "product", "usb_path", "driver", "board", "present", "source", "since",
        ] {
            #expect(text.contains("\"\(key)\":"), "missing \(key) in \(text)")
        }
        #expect(text.contains(#""by_id":null"#))
        #expect(text.contains(#""kind":"serial""#))
        #expect(text.contains(#""since":"2026-11-25T09:02:45.123Z""#))
        #expect(try AgentJSON.decode(Device.self, from: Array(text.utf8)) == .serial(device))
    }

    @Test func decodingAnUnknownKindFailsClearly() {
        let text = #"{"id":"x","kind":"teleporter","since":"2026-11-25T09:02:45.123Z"}"#
        #expect {
            _ = try AgentJSON.decode(Device.self, from: Array(text.utf8))
        } throws: { error in
            "\(error)".contains("unknown device kind")
        }
    }

    @Test func aDeviceAnswersToItsIDNamePortAndLinks() {
        let device = Device.serial(
            SerialDevice(
                id: "usb-10C4_EA60-0001", name: "ttyUSB0", port: "/dev/ttyUSB0",
                byID: "/dev/serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0",
                since: .now()))
        for name in ["usb-10C4_EA60-0001", "ttyUSB0", "/dev/ttyUSB0", "/dev/serial/by-id/usb-Silicon_Labs_CP2102_0001-if00-port0"] {
            #expect(device.matches(name))
        }
        #expect(!device.matches("ttyUSB1"))
    }
}
