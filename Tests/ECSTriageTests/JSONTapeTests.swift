import Testing
@testable import ECSTriage

/// The tape and the nodes reading it: what models see must be what the tree
/// held (values, last-wins lookups, pointers), whichever way a document came in.
struct JSONTapeTests {
    static func node(_ text: String) throws -> JSONNode {
        try JSONNode(parsing: Array(text.utf8), pointer: "", origin: DocumentOrigin(prefix: ""))
    }

    @Test func pointersEscapeMemberNamesAndAreSpelledOnlyFromTheTape() throws {
        let root = try Self.node(#"{"a/b": {"~c": [1, {"d\u0065": "x", "f": null}]}}"#)
        let inner = try #require(try root.object("a/b")?.array("~c")?[1])
        #expect(inner.pointer == "/a~1b/~0c/1")
        #expect(try inner.string("de") == "x")
        #expect(inner.member("de")?.location == "/a~1b/~0c/1/de")
        #expect(inner.member("f") == nil && inner.hasMember("f") && !inner.hasMember("g"))
        #expect(throws: InputError.wrongType(location: "/a~1b/~0c/0", expected: "a string", found: "a number")) {
            try root.object("a/b")?.strings("~c")
        }
    }

    @Test func theLastOfDuplicateKeysWinsAndMembersKeepThemAll() throws {
        let root = try Self.node(#"{"k": "first", "other": 1, "k": "second"}"#)
        #expect(try root.string("k") == "second")
        #expect(root.members?.map(\.key) == ["k", "other", "k"])
        #expect(root.members?.last?.node.location == "/k")
    }

    @Test(arguments: [
        #"{"a": [1, -0, 2.5e-3, 1E+2, 123456789012345, 1234567890123456789, -9007199254740993, 0.1]}"#,
        #"["\"\\\/\b\f\n\r\t", "\u00e9\u4e2d\ud83d\ude00", "\ud800", "\udc00x", "\ud800\u0041", "\u0000", "é中😀"]"#,
        #"[true, false, null, {}, [], {"": {"": []}}]"#,
    ])
    func treesBuiltFromTheTapeMatchTheirText(text: String) throws {
        let value = try JSONParser.parse(Array(text.utf8))
        // Through a tape built from the tree, and back.
        #expect(JSONNode(value: value, pointer: "", origin: DocumentOrigin(prefix: "")).value == value)
        #expect(JSONWriter.write(value) == JSONWriter.write(try JSONParser.parse(Array(JSONWriter.write(value).utf8))))
    }

    @Test func numbersReadAsDoubleReadsTheirText() throws {
        let texts = ["0", "-0", "7", "-42", "123456789012345", "999999999999999", "1234567890123456", "-9007199254740993",
                     "0.1", "2.5e-3", "1E+2", "1e308", "4.9e-324", "1704067200000"]
        let value = try JSONParser.parse(Array(("[" + texts.joined(separator: ",") + "]").utf8))
        let numbers = try #require(value.arrayValue).map { element -> Double? in
            if case let .number(n) = element { return n }
            return nil
        }
        #expect(numbers == texts.map { Double($0) })
        #expect(numbers[1]?.sign == .minus)
    }

    @Test func unescapingMatchesTheEscapes() throws {
        let value = try JSONParser.parse(Array(#"["\"\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00", "\ud800", "\udc00x", "\ud800\u0041!"]"#.utf8))
        #expect(value == .array([.string("\"\\/\u{8}\u{c}\n\r\t"), .string("é😀"), .string("\u{FFFD}"), .string("\u{FFFD}x"), .string("\u{FFFD}!")]))
    }

    @Test func errorsKeepTheirPlace() {
        let cases: [(String, String, Int, Int)] = [
            (#"{"a": [1, 2,]}"#, "unexpected ']', expected a value", 1, 13),
            ("{\"a\":\n  \"b\\x\"}", "invalid escape sequence in string", 2, 5),
            ("[\"\\u12G4\"]", "invalid \\u escape", 1, 7),
            ("[01]", "invalid number: leading zero", 1, 2),
            ("[1e400]", "number out of range (beyond ±1.8e308)", 1, 2),
            ("[1e-400]", "number out of range (too small: it would read as 0)", 1, 2),
            ("{\"a\" 1}", "unexpected '1', expected ':' after member name", 1, 6),
            ("[\"abc", "unterminated string", 1, 2),
            ("[1] x", "unexpected text after the JSON value", 1, 5),
        ]
        for (text, message, line, column) in cases {
            #expect(throws: JSONSyntaxError(message: message, line: line, column: column)) { try JSONParser.parse(Array(text.utf8)) }
        }
    }
}
