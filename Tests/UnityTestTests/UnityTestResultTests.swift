import Testing
import UnityTest

@Suite struct UnityTestResultTests {
    @Test(arguments: [
        ("test/test_main.c:21:test_addition:PASS", UnityTestResult(file: "test/test_main.c", line: 21, name: "test_addition", outcome: .passed)),
        ("test/test_main.c:30:test_sub:FAIL: Expected 2 Was 3", UnityTestResult(file: "test/test_main.c", line: 30, name: "test_sub", outcome: .failed("Expected 2 Was 3"))),
        ("test/test_main.c:31:test_sub:FAIL", UnityTestResult(file: "test/test_main.c", line: 31, name: "test_sub", outcome: .failed(""))),
        ("t.c:40:test_later:IGNORE", UnityTestResult(file: "t.c", line: 40, name: "test_later", outcome: .ignored(""))),
        ("t.c:41:test_later:IGNORE: not ready", UnityTestResult(file: "t.c", line: 41, name: "test_later", outcome: .ignored("not ready"))),
        (#"C:\work\test\test_main.c:7:test_win:PASS"#, UnityTestResult(file: #"C:\work\test\test_main.c"#, line: 7, name: "test_win", outcome: .passed)),
        ("a.c:9:test_colon:FAIL: Expected 1:2 Was 3:4", UnityTestResult(file: "a.c", line: 9, name: "test_colon", outcome: .failed("Expected 1:2 Was 3:4"))),
    ])
    func readsResultLines(line: String, expected: UnityTestResult) {
        #expect(UnityTestResult(line: line[...]) == expected)
    }

    @Test(arguments: [
        "", "PASS", "test_main.c:21:PASS", ":21:test_a:PASS", "t.c:x1:test_a:PASS", "t.c:21:1test:PASS",
        "t.c:21:test a:PASS", "t.c:21:test_a:PASSED", "t.c:21:test_a:PASS: extra", "t.c:-1:test_a:PASS",
        "I (123) boot: ESP-IDF v5.1 2nd stage bootloader", "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
    ])
    func otherLinesAreNotResults(line: String) {
        #expect(UnityTestResult(line: line[...]) == nil)
    }
}
