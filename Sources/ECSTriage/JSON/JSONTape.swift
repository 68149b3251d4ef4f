/// A JSON text indexed in one pass over its UTF-8 bytes: a flat array of
/// tokens (one per value and member name) pointing into the bytes, instead of
/// a tree of Swift values. Strings stay byte ranges until a model asks for
/// one; a container's token records the index past its last descendant, so
/// what nobody reads is skipped without being built.
///
/// The bytes and the tokens are held only as long as some `JSONNode` is: the
/// loader drops them once the documents are decoded into models.
public final class JSONTape: Sendable {
    enum Kind: UInt8 {
        case null, `true`, `false`, number
        /// A string without escapes: its bytes are its text.
        case string
        /// A string holding escapes, unescaped when read.
        case escapedString
        case array, object
    }

    /// 16 bytes: offsets and indexes are 32-bit, which bounds an input to 4 GiB.
    struct Token {
        /// Strings: the first byte after the opening quote; numbers: the first
        /// character; containers: the opening bracket.
        var offset: UInt32
        /// Strings and numbers: their length in bytes; containers: how many
        /// elements or members they hold.
        var length: UInt32
        /// The index of the token after this value and all it contains.
        var next: UInt32
        var kind: Kind
    }

    let bytes: [UInt8]
    let tokens: [Token]
    /// The token of each top-level value, with the 1-based line it starts on.
    let roots: [(line: Int, index: Int)]

    private init(bytes: [UInt8], tokens: [Token], roots: [(line: Int, index: Int)]) {
        self.bytes = bytes
        self.tokens = tokens
        self.roots = roots
    }

    /// Indexes exactly one value; anything but whitespace after it is an error.
    public convenience init(parsing bytes: [UInt8]) throws(JSONSyntaxError) {
        var parser = try TapeParser(bytes: bytes)
        parser.skipWhitespace()
        try parser.parseValue()
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw parser.error("unexpected text after the JSON value")
        }
        self.init(bytes: bytes, tokens: parser.tokens, roots: [(1, 0)])
    }

    /// Indexes one or more whitespace-separated values (JSON Lines, or
    /// concatenated CLI outputs).
    public convenience init(parsingSequence bytes: [UInt8]) throws(JSONSyntaxError) {
        var parser = try TapeParser(bytes: bytes)
        var roots: [(line: Int, index: Int)] = []
        var line = 1
        var lineCountedUpTo = 0
        parser.skipWhitespace()
        while parser.position < bytes.count {
            for index in lineCountedUpTo..<parser.position where bytes[index] == UInt8(ascii: "\n") { line += 1 }
            lineCountedUpTo = parser.position
            roots.append((line, parser.tokens.count))
            try parser.parseValue()
            parser.skipWhitespace()
        }
        self.init(bytes: bytes, tokens: parser.tokens, roots: roots)
    }

    /// A tape holding `value`, for documents that exist only as a tree (a
    /// translated Terraform plan, a snapshot `collect` just assembled).
    public convenience init(value: JSONValue) {
        var bytes: [UInt8] = []
        var tokens: [Token] = []
        func append(_ value: JSONValue) {
            let index = tokens.count
            switch value {
            case .null: tokens.append(Token(offset: 0, length: 0, next: UInt32(index + 1), kind: .null))
            case let .bool(flag): tokens.append(Token(offset: 0, length: 0, next: UInt32(index + 1), kind: flag ? .true : .false))
            case let .number(number):
                // Swift prints a Double with the fewest digits that read back as the same Double.
                appendText(number.description, kind: .number)
            case let .string(text):
                appendText(text, kind: .string)
            case let .array(elements):
                tokens.append(Token(offset: 0, length: UInt32(elements.count), next: 0, kind: .array))
                for element in elements { append(element) }
                tokens[index].next = UInt32(tokens.count)
            case let .object(members):
                tokens.append(Token(offset: 0, length: UInt32(members.count), next: 0, kind: .object))
                for member in members {
                    appendText(member.key, kind: .string)
                    append(member.value)
                }
                tokens[index].next = UInt32(tokens.count)
            }
        }
        func appendText(_ text: String, kind: Kind) {
            let offset = bytes.count
            bytes.append(contentsOf: text.utf8)
            tokens.append(Token(offset: UInt32(offset), length: UInt32(bytes.count - offset), next: UInt32(tokens.count + 1), kind: kind))
        }
        append(value)
        self.init(bytes: bytes, tokens: tokens, roots: [(1, 0)])
    }

    // MARK: Reading

    func kind(at index: Int) -> Kind { tokens[index].kind }

    /// The index of the token after the value at `index`.
    func next(after index: Int) -> Int { Int(tokens[index].next) }

    /// The text of the string token at `index`.
    func string(at index: Int) -> String {
        let token = tokens[index]
        return bytes.withUnsafeBufferPointer { buffer in
            let text = UnsafeBufferPointer(rebasing: buffer[Int(token.offset)..<Int(token.offset) + Int(token.length)])
            // Validated while indexing: decoding cannot meet an invalid sequence.
            return token.kind == .string ? String(decoding: text, as: UTF8.self) : JSONTape.unescape(text)
        }
    }

    /// The value of the number token at `index`, as `Double(_:)` reads its text.
    func number(at index: Int) -> Double {
        let token = tokens[index]
        return bytes.withUnsafeBufferPointer { buffer in
            let text = UnsafeBufferPointer(rebasing: buffer[Int(token.offset)..<Int(token.offset) + Int(token.length)])
            return JSONTape.exactInteger(text) ?? Double(String(decoding: text, as: UTF8.self)) ?? .nan
        }
    }

    /// The value of a plain integer of at most 15 digits (exact in a Double,
    /// so equal to what `Double(_:)` reads), or nil for anything else.
    static func exactInteger(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        let digits = text.count - index
        guard digits > 0 && digits <= 15 else { return nil }
        var value: Int64 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -Double(value) : Double(value)
    }

    /// The index of the value of the last member named `key` of the object at
    /// `object` (the last of duplicate keys wins), or nil.
    func lookup(_ key: String, inObject object: Int) -> Int? {
        guard tokens[object].kind == .object else { return nil }
        var key = key
        return key.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { buffer in
                tokens.withUnsafeBufferPointer { tokens in
                    var found: Int?
                    var member = object + 1
                    let end = Int(tokens[object].next)
                    while member < end {
                        let name = tokens[member]
                        if name.kind == .string {
                            if Int(name.length) == wanted.count && JSONTape.equal(buffer.baseAddress! + Int(name.offset), wanted) {
                                found = member + 1
                            }
                        } else if string(at: member).utf8.elementsEqual(wanted) {
                            found = member + 1
                        }
                        member = Int(tokens[member + 1].next)
                    }
                    return found
                }
            }
        }
    }

    /// Whether the bytes at `text` start with `wanted` (a plain loop: the
    /// generic `elementsEqual` was most of the cost of a lookup).
    private static func equal(_ text: UnsafePointer<UInt8>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < wanted.count {
            if text[index] != wanted[index] { return false }
            index += 1
        }
        return true
    }

    /// The tokens of the members of the object at `object`: each name's
    /// index (its value follows it), in document order, duplicates included.
    func memberNames(ofObject object: Int) -> [Int] {
        var names: [Int] = []
        names.reserveCapacity(Int(tokens[object].length))
        var member = object + 1
        let end = next(after: object)
        while member < end {
            names.append(member)
            member = next(after: member + 1)
        }
        return names
    }

    /// The tokens of the elements of the array at `array`, in order.
    func elements(ofArray array: Int) -> [Int] {
        var elements: [Int] = []
        elements.reserveCapacity(Int(tokens[array].length))
        var element = array + 1
        let end = next(after: array)
        while element < end {
            elements.append(element)
            element = next(after: element)
        }
        return elements
    }

    /// The value at `index` as a tree, for code that needs one.
    func value(at index: Int) -> JSONValue {
        switch tokens[index].kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(number(at: index))
        case .string, .escapedString: return .string(string(at: index))
        case .array: return .array(elements(ofArray: index).map(value(at:)))
        case .object: return .object(memberNames(ofObject: index).map { (key: string(at: $0), value: value(at: $0 + 1)) })
        }
    }

    /// What the value at `index` is, as a user reads it in an error message.
    func typeDescription(at index: Int) -> String {
        switch tokens[index].kind {
        case .null: return "null"
        case .true, .false: return "a boolean"
        case .number: return "a number"
        case .string, .escapedString: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The text of a string body whose escapes were validated while indexing.
    /// An unpaired surrogate escape reads as U+FFFD; a high surrogate
    /// followed by an escape that is not a low one takes that escape with it.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(raw.count)
        var position = 0
        func hex4() -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = raw[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                default: digit = UInt32(byte - UInt8(ascii: "A") + 10)
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
        while position < raw.count {
            let byte = raw[position]
            position += 1
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                continue
            }
            let escape = raw[position]
            position += 1
            switch escape {
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    if position + 1 < raw.count, raw[position] == UInt8(ascii: "\\"), raw[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = hex4()
                        scalar = (0xDC00...0xDFFF).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { buffer.append($0) }
            default: buffer.append(escape)  // `"`, `\` and `/` stand for themselves
            }
        }
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// The single pass that builds a tape: a strict RFC 8259 parser whose errors
/// carry line and column, with depth bounded for hostile input.
private struct TapeParser {
    let bytes: [UInt8]
    var position = 0
    var depth = 0
    var tokens: [JSONTape.Token] = []

    init(bytes: [UInt8]) throws(JSONSyntaxError) {
        self.bytes = bytes
        guard bytes.count < Int(UInt32.max) else {
            throw JSONSyntaxError(message: "input of 4 GiB or more, beyond what the parser indexes", line: 1, column: 1)
        }
        // AWS CLI output holds one token per 10 to 20 bytes; pages reserved
        // and never written cost no memory, and growing by doubling would
        // copy the whole tape each time.
        tokens.reserveCapacity(bytes.count / 6 + 16)
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let place = JSONParser.lineAndColumn(of: offset ?? position, in: bytes)
        return JSONSyntaxError(message: message, line: place.line, column: place.column)
    }

    mutating func skipWhitespace() {
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

    private mutating func appendScalar(_ kind: JSONTape.Kind, from start: Int) {
        tokens.append(JSONTape.Token(offset: UInt32(start), length: UInt32(position - start), next: UInt32(tokens.count + 1), kind: kind))
    }

    mutating func parseValue() throws(JSONSyntaxError) {
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "t"): try expectLiteral("true"); appendScalar(.true, from: start)
        case UInt8(ascii: "f"): try expectLiteral("false"); appendScalar(.false, from: start)
        case UInt8(ascii: "n"): try expectLiteral("null"); appendScalar(.null, from: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
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

    /// Opens a container at the current bracket: its token, completed by `close`.
    private mutating func open(_ kind: JSONTape.Kind) throws(JSONSyntaxError) -> Int {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
        }
        tokens.append(JSONTape.Token(offset: UInt32(position), length: 0, next: 0, kind: kind))
        position += 1
        return tokens.count - 1
    }

    private mutating func close(_ container: Int, count: Int) {
        position += 1
        depth -= 1
        tokens[container].length = UInt32(count)
        tokens[container].next = UInt32(tokens.count)
    }

    private mutating func parseObject() throws(JSONSyntaxError) {
        let container = try open(.object)
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            close(container, count: 0)
            return
        }
        var count = 0
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()), expected a member name in double quotes")
            }
            try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeCurrent()), expected ':' after member name")
            }
            position += 1
            skipWhitespace()
            try parseValue()
            count += 1
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input, expected ',' or '}'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                close(container, count: count)
                return
            }
            throw error("unexpected \(describeCurrent()), expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) {
        let container = try open(.array)
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            close(container, count: 0)
            return
        }
        var count = 0
        while true {
            skipWhitespace()
            try parseValue()
            count += 1
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input, expected ',' or ']'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                close(container, count: count)
                return
            }
            throw error("unexpected \(describeCurrent()), expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits(_ parser: inout TapeParser) -> Int {
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
        var isInteger = true
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard digits(&self) > 0 else { throw error("invalid number: no digits after '.'", at: start) }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard digits(&self) > 0 else { throw error("invalid number: no digits in exponent", at: start) }
        }
        // Integers of up to 15 digits are exact and in range: the common case
        // (ports, counts, epoch milliseconds) needs no conversion to check.
        if !isInteger || integerDigits > 15 {
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
        }
        appendScalar(.number, from: start)
    }

    /// Checks a string and records its body; escapes are checked, not decoded.
    private mutating func parseString() throws(JSONSyntaxError) {
        let openingQuote = position
        position += 1
        let start = position
        // Validation only when a non-ASCII byte was seen.
        var nonASCII: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if nonASCII >= 0x80 && !isValidUTF8(start..<position) { throw invalidUTF8(in: start..<position) }
                appendScalar(.string, from: start)
                position += 1
                return
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in string; escape it") }
            nonASCII |= byte
            position += 1
        }
        guard position < bytes.count else { throw error("unterminated string", at: openingQuote) }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                // Escapes are ASCII, so the raw text is valid UTF-8 exactly when
                // the unescaped bytes are.
                guard isValidUTF8(start..<position) else { throw invalidUTF8(in: start..<position) }
                appendScalar(.escapedString, from: start)
                position += 1
                return
            }
            if byte < 0x20 { throw error("control character in string; escape it") }
            position += 1
            if byte != UInt8(ascii: "\\") { continue }
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                let scalar = try parseHex4()
                // A high surrogate takes the escape after it, whatever it is (see `JSONTape.unescape`).
                if (0xD800...0xDBFF).contains(scalar),
                   position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    _ = try parseHex4()
                }
            default:
                throw error("invalid escape sequence in string", at: position - 2)
            }
        }
        throw error("unterminated string", at: openingQuote)
    }

    private func isValidUTF8(_ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            String(validating: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self) != nil
        }
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
