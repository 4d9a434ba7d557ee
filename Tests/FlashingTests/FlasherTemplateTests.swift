import Flashing
import Testing

@Suite struct FlasherTemplateTests {
    @Test func placeholdersAreReplacedInsideArgumentsAndEachArgumentStaysOne() throws {
        let command = ["tool", "--port={port}", "-U", "flash:w:{firmware}:i", "{password}", "{{literal}}"]
        #expect(try FlasherTemplate.placeholders(in: command) == ["port", "firmware", "password"])
        let expanded = try FlasherTemplate.expand(
            command, with: ["port": "/dev/ttyUSB0", "firmware": "/var/lib/pio-agent/a b;rm -rf ~.bin", "password": "$(x) 'y'"])
        #expect(expanded == ["tool", "--port=/dev/ttyUSB0", "-U", "flash:w:/var/lib/pio-agent/a b;rm -rf ~.bin:i", "$(x) 'y'", "{literal}"])
    }

    @Test(arguments: [["x", "{prot}"], ["x", "{port"], ["x", "port}"], ["{}"]])
    func malformedTemplatesAreRefused(command: [String]) {
        #expect(throws: FlashingError.self) { try FlasherTemplate.placeholders(in: command) }
    }

    @Test func aPlaceholderWithoutValueIsAClearError() {
        #expect {
            try FlasherTemplate.expand(["espota", "{host}"], with: ["port": "/dev/ttyUSB0"])
        } throws: { error in
            (error as? FlashingError)?.message.contains("{host}") == true
        }
    }
}
