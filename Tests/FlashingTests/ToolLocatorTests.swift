import Flashing
import TestSupport
import Testing

@Suite struct ToolLocatorTests {
    @Test func findsProgramsInThePathAndNamesTheMissingOnesPackage() throws {
        let directory = try TemporaryDirectory(prefix: "tools")
        defer { directory.remove() }
        let tool = try directory.write("bin/fake-flasher", "#!/bin/sh\n", mode: 0o755)
        _ = try directory.write("other/fake-flasher", "not executable", mode: 0o644)
        #expect(try ToolLocator.locate("fake-flasher", searchPath: directory.file("other") + ":" + directory.file("bin"), installHint: nil) == tool)
        #expect(try ToolLocator.locate(tool, searchPath: "", installHint: nil) == tool)
        #expect {
            try ToolLocator.locate("avrdude-not-here", searchPath: directory.file("bin"), installHint: "apt install avrdude")
        } throws: { error in
            let error = error as? FlashingError
            return error?.kind == .missingTool && error?.message.contains("avrdude-not-here") == true
                && error?.message.contains("apt install avrdude") == true
        }
    }
}
