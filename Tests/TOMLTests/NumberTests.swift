import TOML
import Testing

@Suite struct NumberTests {
    @Test(arguments: [
        ("+99", 99), ("42", 42), ("0", 0), ("-17", -17), ("+0", 0), ("-0", 0), ("1_000", 1000),
        ("5_349_221", 5_349_221), ("53_49_221", 5_349_221), ("1_2_3_4_5", 12345), ("0xDEADBEEF", 0xDEAD_BEEF),
        ("0xdeadbeef", 0xDEAD_BEEF), ("0xdead_beef", 0xDEAD_BEEF), ("0x00ff", 255), ("0o01234567", 0o1234567),
        ("0o755", 0o755), ("0b11010110", 0b1101_0110), ("0b0000_0001", 1),
        ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
        ("0x7FFFFFFFFFFFFFFF", Int64.max),
    ] as [(String, Int64)])
    func integers(text: String, expected: Int64) throws {
        let value = try parseValue(text)
        #expect(value.integerValue == expected)
        #expect(value.typeName == "integer")
    }

    @Test(arguments: [
        ("9223372036854775808", "out of range"), ("-9223372036854775809", "out of range"),
        ("0x8000000000000000", "out of range"), ("99999999999999999999999", "out of range"),
        ("012", "leading zeros"), ("-01", "leading zeros"), ("0_0", "leading zeros"), ("00", "leading zeros"),
        ("1__000", "underscore"), ("1_", "underscore"), ("_1", "expected a value"), ("0x_1", "expected a digit"),
        ("0xG", "expected a digit"), ("0X1F", "invalid number"), ("0O17", "invalid number"),
        ("0b102", "invalid number"), ("+0x1F", "cannot have a sign"), ("-0b1", "cannot have a sign"),
        ("0o8", "expected a digit"), ("1-2", "invalid number"),
    ])
    func invalidIntegers(text: String, fragment: String) {
        expectError("\nkey = \(text)", line: 2, containing: fragment)
    }

    @Test(arguments: [
        ("+1.0", 1.0), ("3.1415", 3.1415), ("-0.01", -0.01), ("5e+22", 5e22), ("1e06", 1e6), ("-2E-2", -2e-2),
        ("6.626e-34", 6.626e-34), ("224_617.445_991_228", 224_617.445_991_228), ("0.0", 0), ("1e1_0", 1e10),
        ("1.7976931348623157e308", Double.greatestFiniteMagnitude), ("4.9e-324", Double.leastNonzeroMagnitude),
        ("0.1", 0.1), ("9007199254740993.0", 9_007_199_254_740_992), ("1e400", Double.infinity),
    ] as [(String, Double)])
    func floats(text: String, expected: Double) throws {
        let value = try parseValue(text)
        #expect(value.floatValue == expected)
        #expect(value.typeName == "float")
    }

    @Test func specialFloats() throws {
        #expect(try parseValue("inf").floatValue == .infinity)
        #expect(try parseValue("+inf").floatValue == .infinity)
        #expect(try parseValue("-inf").floatValue == -.infinity)
        #expect(try parseValue("nan").floatValue?.isNaN == true)
        #expect(try parseValue("+nan").floatValue?.isNaN == true)
        #expect(try parseValue("-nan").floatValue?.isNaN == true)
        let negativeZero = try #require(try parseValue("-0.0").floatValue)
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
    }

    @Test(arguments: [
        ("1.", "expected a digit"), ("1.e5", "expected a digit"), ("1e", "expected a digit"),
        ("1e+", "expected a digit"),
        ("1._5", "expected a digit"), ("1.5_", "underscore"), ("01.5", "leading zeros"), ("1e_5", "expected a digit"),
        ("1.2.3", "invalid number"), ("Inf", "invalid value"), ("NaN", "invalid value"), ("infinity", "invalid number"),
        ("+-1", "expected a digit"), ("1,5", "unexpected ','"),
    ])
    func invalidFloats(text: String, fragment: String) {
        expectError("key = \(text)", line: 1, containing: fragment)
    }

    @Test func floatsStartingWithDotAreRejected() {
        expectError("key = .5", line: 1, containing: "expected a value, found '.'")
    }

    @Test func booleansAreLowercaseKeywords() throws {
        #expect(try parseValue("true").booleanValue == true)
        #expect(try parseValue("false").booleanValue == false)
        #expect(try parseValue("false").typeName == "boolean")
        expectError("key = True", line: 1, containing: "invalid value 'True'")
        expectError("key = yes", line: 1, containing: "strings must be quoted")
        expectError("key = truer", line: 1, containing: "unexpected 'r' after the value of key 'key'")
    }
}
