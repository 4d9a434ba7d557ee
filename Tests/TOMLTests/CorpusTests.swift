import TOML
import Testing

@Suite struct CorpusTests {
    static let valid: [ValidSnippet] = [
        .init(text: "", expected: "{}"),
        .init(text: "a = 1", expected: "{a = 1}"),
        .init(text: "a=1#c", expected: "{a = 1}"),
        .init(text: "a = 0x0", expected: "{a = 0}"),
        .init(text: "a = 1e99999\nb = +nan", expected: "{a = inf, b = nan}"),
        .init(text: "\"\" = 1\n'x' .y = 2", expected: "{ = 1, x = {y = 2}}"),
        .init(text: "a.\"b.c\".d = 1", expected: "{a = {b.c = {d = 1}}}"),
        .init(text: "[a]\n[a.b]\n[a.c]", expected: "{a = {b = {}, c = {}}}"),
        .init(text: "[a . \"b\" . 'c']", expected: "{a = {b = {c = {}}}}"),
        .init(text: "[[a]]\n[[a]]\nx = 1", expected: "{a = [{}, {x = 1}]}"),
        .init(text: "[[a.b]]\n[a]\nc = 1", expected: "{a = {b = [{}], c = 1}}"),
        .init(text: "a = [[1, 2], ['a', \"b\"]]", expected: "{a = [[1, 2], [\"a\", \"b\"]]}"),
        .init(text: "a = [\n\n]", expected: "{a = []}"),
        .init(text: "a = [1,]", expected: "{a = [1]}"),
        .init(text: "a = [ # c\n 1 # d\n , # e\n 2 # f\n ] # g", expected: "{a = [1, 2]}"),
        .init(text: "a = { }", expected: "{a = {}}"),
        .init(text: "a = {b.c = 1, b.d = 2}", expected: "{a = {b = {c = 1, d = 2}}}"),
        .init(text: "a = [{b = 1}, {b = 2}]", expected: "{a = [{b = 1}, {b = 2}]}"),
        .init(text: "a = {b = [{c = {}}]}", expected: "{a = {b = [{c = {}}]}}"),
        .init(text: "a = 1979-05-27T07:32:00.5+01:00", expected: "{a = 1979-05-27T07:32:00.5+01:00}"),
        .init(text: "a = 1979-05-27 07:32:00", expected: "{a = 1979-05-27T07:32:00}"),
        .init(text: "a = 1e3\nb = 1E-3\nc = 0.5", expected: "{a = 1000.0, b = 0.001, c = 0.5}"),
        .init(text: "a = \"\\u0041\\U00000042\"", expected: "{a = \"AB\"}"),
        .init(text: "a = '\"'\nb = \"'\"", expected: "{a = \"\"\", b = \"'\"}"),
        .init(text: "a = \"\"\"\\\n\"\"\"", expected: "{a = \"\"}"),
        .init(text: "a = '''\n'''", expected: "{a = \"\"}"),
        .init(text: "a = \"#\" # \"#\"", expected: "{a = \"#\"}"),
        .init(text: "[x]\na = 1\n[y]\na = 2", expected: "{x = {a = 1}, y = {a = 2}}"),
        .init(text: "a.b.c = 1\na.b.d = 2\n[a.b.e]", expected: "{a = {b = {c = 1, d = 2, e = {}}}}"),
        .init(text: "[a]\nb.c = 1\nb.d = 2", expected: "{a = {b = {c = 1, d = 2}}}"),
    ]

    static let invalid: [InvalidSnippet] = [
        // Keys
        .init(text: "= 1", line: 1, fragment: "expected a key, found '='"),
        .init(text: "a", line: 1, fragment: "expected '=' after key 'a', found end of input"),
        .init(text: "a 1", line: 1, fragment: "expected '=' after key 'a'"),
        .init(text: "\na.= 1", line: 2, fragment: "expected a key"),
        .init(text: ".a = 1", line: 1, fragment: "expected a key, found '.'"),
        .init(text: "a..b = 1", line: 1, fragment: "expected a key, found '.'"),
        .init(text: "a b = 1", line: 1, fragment: "expected '=' after key 'a', found 'b'"),
        .init(text: "é = 1", line: 1, fragment: "expected a key, found 'é' (U+00E9)"),
        .init(text: "\"\"\"a\"\"\" = 1", line: 1, fragment: "a multi-line string cannot be a key"),
        .init(text: "\"a\nb\" = 1", line: 1, fragment: "string is not closed"),
        .init(text: "a = 1 b = 2", line: 1, fragment: "unexpected 'b' after the value of key 'a'"),
        .init(text: "\"\" = 1\n'' = 2", line: 2, fragment: "duplicate key '\"\"'"),
        .init(text: "a = 1\n\n\"a\" = 2", line: 3, fragment: "duplicate key 'a' (first defined on line 1)"),
        .init(text: "a =", line: 1, fragment: "expected a value, found end of input"),
        .init(text: "a = # no value", line: 1, fragment: "expected a value, found '#'"),
        .init(text: "a = \n1", line: 1, fragment: "expected a value, found end of line"),
        // Values
        .init(text: "a = bare", line: 1, fragment: "invalid value 'bare'"),
        .init(text: "a = 'x' 'y'", line: 1, fragment: "unexpected '''"),
        .init(text: "a = 1__2", line: 1, fragment: "underscore"),
        .init(text: "a = 0b", line: 1, fragment: "invalid number"),
        .init(text: "a = +", line: 1, fragment: "expected a digit"),
        // Arrays
        .init(text: "a = [1 2]", line: 1, fragment: "expected ',' or ']' after an array element, found '2'"),
        .init(text: "a = [,]", line: 1, fragment: "expected a value, found ','"),
        .init(text: "a = [1,,2]", line: 1, fragment: "expected a value, found ','"),
        .init(text: "a = [\n1,\n2", line: 1, fragment: "array is not closed"),
        .init(text: "a = [1 # comment ]", line: 1, fragment: "array is not closed"),
        // Inline tables
        .init(text: "a = {b = 1,}", line: 1, fragment: "trailing comma is not allowed"),
        .init(text: "a = {b = 1\n}", line: 1, fragment: "must be on a single line"),
        .init(text: "a = {\nb = 1}", line: 1, fragment: "must be on a single line"),
        .init(text: "a = {b = 1", line: 1, fragment: "inline table is not closed"),
        .init(text: "a = {b = 1 c = 2}", line: 1, fragment: "expected ',' or '}' after the value of key 'b'"),
        .init(text: "a = {b = 1 # c\n}", line: 1, fragment: "expected ',' or '}'"),
        .init(text: "a = {,}", line: 1, fragment: "expected a key, found ','"),
        .init(text: "a = {b}", line: 1, fragment: "expected '=' after key 'b'"),
        // Headers
        .init(text: "[]", line: 1, fragment: "expected a key, found ']'"),
        .init(text: "[a", line: 1, fragment: "expected ']' to close table header [a]"),
        .init(text: "[a]]", line: 1, fragment: "unexpected ']' after table header [a]"),
        .init(text: "[[a]", line: 1, fragment: "expected ']]' to close table header [[a]]"),
        .init(text: "[[a] ]", line: 1, fragment: "expected ']]'"),
        .init(text: "[ [a]]", line: 1, fragment: "expected a key, found '['"),
        .init(text: "[a] b = 1", line: 1, fragment: "unexpected 'b' after table header [a]"),
        .init(text: "[a.]", line: 1, fragment: "expected a key, found ']'"),
        .init(text: "[a]\n[a]", line: 2, fragment: "defined twice"),
        .init(text: "[a]\nb = 1\n[a.b]", line: 3, fragment: "already an integer"),
        .init(text: "a = [1]\n[[a]]", line: 2, fragment: "cannot append to static array"),
        .init(text: "a = [{}]\n[a.b]", line: 2, fragment: "is an array defined on line 1, not a table"),
        .init(text: "[a.b]\n[[a]]", line: 2, fragment: "a table with that name was already defined"),
        .init(text: "[[a]]\n[a]", line: 2, fragment: "it is an array of tables"),
        .init(text: "[fruit.physical]\ncolor = 'red'\n[[fruit]]", line: 3, fragment: "already defined on line 1"),
        .init(text: "[[fruits]]\n[[fruits.varieties]]\n[fruits.varieties]", line: 3, fragment: "array of tables"),
        .init(text: "[[fruits]]\n[fruits.physical]\n[[fruits.physical]]", line: 3, fragment: "a table with that name"),
        .init(text: "a = {}\na.b = 1", line: 2, fragment: "inline tables cannot be extended"),
        .init(text: "[t]\na.b = 1\n[t.a]", line: 3, fragment: "already defined with dotted keys"),
        .init(text: "[t.a]\n[t]\na.b = 1", line: 3, fragment: "was defined by a [header] on line 1"),
        // Whitespace, newlines, comments, control characters
        .init(text: "a = 1\rb = 2", line: 1, fragment: "carriage return must be followed by a line feed"),
        .init(text: "# comment \u{7F}", line: 1, fragment: "control character U+007F is not allowed in a comment"),
        .init(text: "a = 1 # \u{0}", line: 1, fragment: "U+0000"),
        .init(text: "\u{1}", line: 1, fragment: "expected a key, found control character U+0001"),
        .init(text: "\u{FEFF}a = 1", line: 1, fragment: "expected a key, found '\u{FEFF}' (U+FEFF)"),
        .init(text: "a = \"\u{8}\"", line: 1, fragment: "must be escaped"),
    ]

    @Test(arguments: valid)
    func validSnippetParses(_ snippet: ValidSnippet) throws {
        #expect(ReadableForm.render(try parse(snippet.text)) == snippet.expected)
    }

    @Test(arguments: invalid)
    func invalidSnippetIsRejected(_ snippet: InvalidSnippet) {
        expectError(snippet.text, line: snippet.line, containing: snippet.fragment)
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.invalid.count >= 40)
    }
}
