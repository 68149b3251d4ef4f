/// A JSON syntax error with the place it was found (1-based line and column,
/// counted in characters as an editor shows them).
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}

/// A strict RFC 8259 parser over UTF-8 bytes. Our own rather than
/// Foundation's so that errors carry line and column on every platform, depth
/// is bounded for hostile input, and several concatenated values (JSON Lines)
/// can be read from one buffer.
public struct JSONParser {
    /// Deeper nesting than any AWS output has; bounds recursion on hostile input.
    public static let maximumDepth = 512

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    /// Members and elements of the containers being parsed, innermost last.
    /// Each container is copied out at its exact size when it closes: growing
    /// one array per container by doubling left up to half of every array
    /// unused, the largest share of peak memory on big snapshots.
    private var pendingMembers: [(key: String, value: JSONValue)] = []
    private var pendingElements: [JSONValue] = []

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses exactly one value; anything but whitespace after it is an error.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw parser.error("unexpected text after the JSON value")
        }
        return value
    }

    /// Parses one or more whitespace-separated values (JSON Lines, or
    /// concatenated CLI outputs), each with the 1-based line it starts on.
    public static func parseSequence(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [(line: Int, value: JSONValue)] {
        var parser = JSONParser(bytes: bytes)
        var values: [(line: Int, value: JSONValue)] = []
        var line = 1
        var lineCountedUpTo = 0
        parser.skipWhitespace()
        while parser.position < bytes.count {
            for index in lineCountedUpTo..<parser.position where bytes[index] == UInt8(ascii: "\n") { line += 1 }
            lineCountedUpTo = parser.position
            values.append((line, try parser.parseValue()))
            parser.skipWhitespace()
        }
        return values
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let place = JSONParser.lineAndColumn(of: offset ?? position, in: bytes)
        return JSONSyntaxError(message: message, line: place.line, column: place.column)
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

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw error("invalid literal, expected \(literal)", at: start) }
        position += count
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        position += 1
        let base = pendingMembers.count
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object([])
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()), expected a member name in double quotes")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeCurrent()), expected ':' after member name")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            pendingMembers.append((key, value))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input, expected ',' or '}'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return .object(JSONParser.popAll(from: &pendingMembers, above: base))
            }
            throw error("unexpected \(describeCurrent()), expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        position += 1
        let base = pendingElements.count
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array([])
        }
        while true {
            skipWhitespace()
            let element = try parseValue()
            pendingElements.append(element)
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input, expected ',' or ']'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return .array(JSONParser.popAll(from: &pendingElements, above: base))
            }
            throw error("unexpected \(describeCurrent()), expected ',' or ']'")
        }
    }

    /// The items of `stack` from `base` on, as an array of exactly their
    /// count, removed from the stack. Copied through a buffer pointer so no
    /// slice keeps the stack shared while it shrinks (which copied all of it).
    private static func popAll<Item>(from stack: inout [Item], above base: Int) -> [Item] {
        let items = stack.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[base...])) }
        stack.removeLast(stack.count - base)
        return items
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits(_ parser: inout JSONParser) -> Int {
            let from = parser.position
            while parser.position < parser.bytes.count,
                  parser.bytes[parser.position] >= UInt8(ascii: "0"), parser.bytes[parser.position] <= UInt8(ascii: "9") {
                parser.position += 1
            }
            return parser.position - from
        }
        let integerStart = position
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw error("invalid number", at: start) }
        if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
            throw error("invalid number: leading zero", at: start)
        }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw error("invalid number: no digits after '.'", at: start) }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard digits(&self) > 0 else { throw error("invalid number: no digits in exponent", at: start) }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let number = Double(text) else { throw error("invalid number", at: start) }
        // RFC 8259 lets a parser limit the range of numbers. Beyond a Double's,
        // 1e400 would read as infinity and 1e-400 as 0: an integer member would
        // then hold a value nobody wrote, so say where it is instead.
        guard number.isFinite else { throw error("number out of range (beyond ±1.8e308)", at: start) }
        if number == 0 {
            let mantissaEnd = bytes[start..<position].firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? position
            if bytes[start..<mantissaEnd].contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) {
                throw error("number out of range (too small: it would read as 0)", at: start)
            }
        }
        return number
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let openingQuote = position
        position += 1
        let start = position
        // Fast path: no escapes. Validation only when a non-ASCII byte was
        // seen, and over an unsafe buffer: the generic slice initializer was
        // unspecialized and cost more than the rest of the parse.
        var nonASCII: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let end = position
                let string = bytes.withUnsafeBufferPointer { buffer -> String? in
                    let text = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    return nonASCII < 0x80 ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
                }
                guard let string else { throw invalidUTF8(in: start..<position) }
                position += 1
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in string; escape it") }
            nonASCII |= byte
            position += 1
        }
        guard position < bytes.count else { throw error("unterminated string", at: openingQuote) }
        var buffer = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                // Escapes are ASCII, so the raw text is valid UTF-8 exactly when
                // the unescaped bytes are.
                guard String(validating: bytes[start..<position], as: UTF8.self) != nil else {
                    throw invalidUTF8(in: start..<position)
                }
                position += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character in string; escape it") }
            if byte != UInt8(ascii: "\\") {
                buffer.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try parseHex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                buffer.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default:
                throw error("invalid escape sequence in string", at: position - 2)
            }
        }
        throw error("unterminated string", at: openingQuote)
    }

    /// JSON is UTF-8 (RFC 8259 section 8.1). A string that is not is an error
    /// at its first invalid byte rather than U+FFFD: the file is most likely in
    /// another encoding (Windows-1252), and ids or names compared with
    /// replacement characters in them would silently match nothing.
    private func invalidUTF8(in range: Range<Int>) -> JSONSyntaxError {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes[range].makeIterator()
        var offset = range.lowerBound
        while case let .valid(scalar) = parser.parseScalar(from: &iterator) {
            offset += scalar.count
        }
        let byte = offset < bytes.count ? bytes[offset] : 0
        return error("invalid UTF-8 (byte 0x\(String(byte, radix: 16))) in string; save the file as UTF-8", at: offset)
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
