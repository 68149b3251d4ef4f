/// A JSON syntax error with the place it was found (1-based line and column,
/// counted in characters as an editor shows them).
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}

/// JSON text to `JSONValue` trees, for code that wants a tree (responses,
/// credentials, embedded policies, tests). Strict RFC 8259 through
/// `JSONTape`: our own parser rather than Foundation's so that errors carry
/// line and column on every platform, depth is bounded for hostile input,
/// and several concatenated values (JSON Lines) can be read from one buffer.
public enum JSONParser {
    /// Deeper nesting than any AWS output has; bounds recursion on hostile input.
    public static let maximumDepth = 512

    /// Parses exactly one value; anything but whitespace after it is an error.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try JSONTape(parsing: bytes).value(at: 0)
    }

    /// Parses one or more whitespace-separated values (JSON Lines, or
    /// concatenated CLI outputs), each with the 1-based line it starts on.
    public static func parseSequence(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [(line: Int, value: JSONValue)] {
        let tape = try JSONTape(parsingSequence: bytes)
        return tape.roots.map { ($0.line, tape.value(at: $0.index)) }
    }

    /// The 1-based line and column of byte `offset` of UTF-8 `bytes`, counting
    /// characters as an editor does (the end of input is one past the last).
    public static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let offset = min(offset, bytes.count)
        var line = 1
        var column = 1
        var index = 0
        while index < offset {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count characters, not UTF-8 continuation bytes
            }
            index += 1
        }
        return (line, column)
    }
}
