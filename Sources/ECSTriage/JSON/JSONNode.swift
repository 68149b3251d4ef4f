/// A place in a JSON document (its tape and a token index) together with
/// where it sits in the user's input, so every decoded model can point back
/// at its source, and every type error names the place. The pointer is
/// spelled out only when asked for: most nodes are read and dropped.
public struct JSONNode: Sendable {
    let tape: JSONTape
    let index: Int
    /// Where the document came from, prefixed to pointers in evidence.
    public let origin: DocumentOrigin
    /// A pointer, and up to two steps from it to this node: a member of an
    /// array element (a task's `containers`) needs no string built for it
    /// until its pointer is asked for.
    private let parentPointer: String
    private let step: Step
    private let secondStep: Step

    private enum Step {
        /// `parentPointer` is this node's own pointer.
        case none
        /// The member whose name is the token at this index.
        case member(nameToken: Int)
        case element(Int)
    }

    /// A node for a value that exists only as a tree.
    public init(value: JSONValue, pointer: String, origin: DocumentOrigin) {
        self.init(tape: JSONTape(value: value), index: 0, pointer: pointer, origin: origin)
    }

    /// The top-level value of `bytes`, parsed.
    public init(parsing bytes: [UInt8], pointer: String, origin: DocumentOrigin) throws(JSONSyntaxError) {
        self.init(tape: try JSONTape(parsing: bytes), index: 0, pointer: pointer, origin: origin)
    }

    init(tape: JSONTape, index: Int, pointer: String, origin: DocumentOrigin) {
        self.init(tape: tape, index: index, origin: origin, parentPointer: pointer, step: .none)
    }

    private init(tape: JSONTape, index: Int, origin: DocumentOrigin, parentPointer: String, step: Step, secondStep: Step = .none) {
        self.tape = tape
        self.index = index
        self.origin = origin
        self.parentPointer = parentPointer
        self.step = step
        self.secondStep = secondStep
    }

    /// The member whose value is the token at `valueIndex` (its name just before it).
    private func child(_ valueIndex: Int) -> JSONNode {
        let step = Step.member(nameToken: valueIndex - 1)
        switch (self.step, secondStep) {
        case (.none, _): return JSONNode(tape: tape, index: valueIndex, origin: origin, parentPointer: parentPointer, step: step)
        case (_, .none): return JSONNode(tape: tape, index: valueIndex, origin: origin, parentPointer: parentPointer, step: self.step, secondStep: step)
        default: return JSONNode(tape: tape, index: valueIndex, origin: origin, parentPointer: pointer, step: step)
        }
    }

    /// RFC 6901 pointer inside its document, e.g. `/tasks/0/containers/1`.
    public var pointer: String {
        append(secondStep, to: append(step, to: parentPointer))
    }

    private func append(_ step: Step, to pointer: String) -> String {
        switch step {
        case .none: return pointer
        case let .member(nameToken): return pointer + "/" + JSONNode.escape(tape.string(at: nameToken))
        case let .element(position): return pointer + "/" + String(position)
        }
    }

    /// The pointer as reported: `file.json#/tasks/0` when several inputs.
    public var location: String { origin.prefix + pointer }

    /// The value as a tree, for code that needs one (small parts of a document).
    public var value: JSONValue { tape.value(at: index) }

    static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private var kind: JSONTape.Kind { tape.kind(at: index) }

    public var isObject: Bool { kind == .object }
    public var isArray: Bool { kind == .array }
    public var isString: Bool { kind == .string || kind == .escapedString }

    /// The text, when the node is a string.
    public var stringValue: String? { isString ? tape.string(at: index) : nil }

    /// What the value is, as a user reads it in an error message.
    public var typeDescription: String { tape.typeDescription(at: index) }

    /// The members of an object in document order (duplicates included), or nil.
    public var members: [(key: String, node: JSONNode)]? {
        guard isObject else { return nil }
        let pointer = self.pointer
        return tape.memberNames(ofObject: index).map { name in
            (tape.string(at: name), JSONNode(tape: tape, index: name + 1, origin: origin, parentPointer: pointer, step: .member(nameToken: name)))
        }
    }

    /// The elements of an array, or nil.
    public var elements: [JSONNode]? {
        guard isArray else { return nil }
        let pointer = self.pointer
        return tape.elements(ofArray: index).enumerated().map { position, element in
            JSONNode(tape: tape, index: element, origin: origin, parentPointer: pointer, step: .element(position))
        }
    }

    /// Calls `body` with each element of an array in turn (nothing for
    /// anything else), without holding a node per element: a top-level
    /// array may hold a million documents.
    func forEachElement(_ body: (JSONNode) throws -> Void) rethrows {
        guard isArray else { return }
        let pointer = self.pointer
        var position = 0
        var element = index + 1
        let end = tape.next(after: index)
        while element < end {
            try body(JSONNode(tape: tape, index: element, origin: origin, parentPointer: pointer, step: .element(position)))
            position += 1
            element = tape.next(after: element)
        }
    }

    /// The member named `key` (the last one if repeated) as a node, null included.
    private func find(_ key: String) -> JSONNode? {
        guard let found = tape.lookup(key, inObject: index) else { return nil }
        return child(found)
    }

    /// The kind of the member named `key` (the last one if repeated), null included.
    private func memberKind(_ key: String) -> (index: Int, kind: JSONTape.Kind)? {
        guard let found = tape.lookup(key, inObject: index) else { return nil }
        return (found, tape.kind(at: found))
    }

    /// Whether the object has a member named `key`, even a null one.
    public func hasMember(_ key: String) -> Bool {
        tape.lookup(key, inObject: index) != nil
    }

    private func wrongType(_ key: String, expected: String) -> InputError {
        let found = find(key)!
        return .wrongType(location: found.location, expected: expected, found: found.typeDescription)
    }

    /// The member, or nil when absent or null.
    public func member(_ key: String) -> JSONNode? {
        guard let found = memberKind(key), found.kind != .null else { return nil }
        return child(found.index)
    }

    public func string(_ key: String) throws -> String? {
        guard let found = memberKind(key) else { return nil }
        switch found.kind {
        case .null: return nil
        case .string, .escapedString: return tape.string(at: found.index)
        default: throw wrongType(key, expected: "a string")
        }
    }

    /// A number member, or nil when absent, null or not a number.
    public func number(_ key: String) -> Double? {
        guard let found = memberKind(key), found.kind == .number else { return nil }
        return tape.number(at: found.index)
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let found = memberKind(key) else { return nil }
        switch found.kind {
        case .null: return nil
        case .true: return true
        case .false: return false
        // The raw APIs of some services print booleans as strings.
        case .string, .escapedString:
            switch tape.string(at: found.index).lowercased() {
            case "true": return true
            case "false": return false
            default: throw wrongType(key, expected: "a boolean")
            }
        default: throw wrongType(key, expected: "a boolean")
        }
    }

    /// A 32-bit integer, the type of every integer member we read (ports,
    /// counts, sizes, exit codes, percentages). The bound keeps rule arithmetic
    /// (interval × threshold, desired × percent, sums of container cpu) from
    /// overflowing on hostile input.
    public func int(_ key: String) throws -> Int? {
        guard let found = memberKind(key) else { return nil }
        switch found.kind {
        case .null: return nil
        case .number:
            let n = tape.number(at: found.index)
            guard n == n.rounded() else { throw wrongType(key, expected: "an integer") }
            guard n >= Double(Int32.min) && n <= Double(Int32.max) else {
                throw InputError.wrongType(location: find(key)!.location, expected: "an integer", found: "a number out of range")
            }
            return Int(n)
        case .string, .escapedString:
            guard let value = Int32(tape.string(at: found.index)) else { throw wrongType(key, expected: "an integer") }
            return Int(value)
        default: throw wrongType(key, expected: "an integer")
        }
    }

    /// An ISO 8601 string or epoch seconds / milliseconds, as seconds since 1970.
    public func timestamp(_ key: String) throws -> Double? {
        guard let found = memberKind(key) else { return nil }
        switch found.kind {
        case .null: return nil
        case .number:
            let n = tape.number(at: found.index)
            let seconds = n > 100_000_000_000 ? n / 1000 : n
            // Before year 10000 either way, as ISO 8601 strings are: rules subtract
            // timestamps and convert the difference to Int, which traps beyond that.
            guard abs(seconds) < 253_402_300_800 else {
                throw InputError.wrongType(location: find(key)!.location, expected: "a timestamp", found: "a number out of range")
            }
            return seconds
        case .string, .escapedString:
            let s = tape.string(at: found.index)
            if let seconds = Timestamp.parse(s) { return seconds }
            throw InputError.wrongType(location: find(key)!.location, expected: "an ISO 8601 timestamp", found: "\"\(s.prefix(40))\"")
        default: throw wrongType(key, expected: "a timestamp")
        }
    }

    /// A string or an array of strings (IAM's `Action`, `Resource`...).
    public func stringOrStrings(_ key: String) throws -> [String]? {
        guard let found = memberKind(key) else { return nil }
        switch found.kind {
        case .null: return nil
        case .string, .escapedString: return [tape.string(at: found.index)]
        case .array: return try strings(key)
        default: throw wrongType(key, expected: "a string or an array of strings")
        }
    }

    public func strings(_ key: String) throws -> [String]? {
        guard let elements = try array(key) else { return nil }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            guard let s = element.stringValue else {
                throw InputError.wrongType(location: element.location, expected: "a string", found: element.typeDescription)
            }
            result.append(s)
        }
        return result
    }

    public func array(_ key: String) throws -> [JSONNode]? {
        guard let found = memberKind(key) else { return nil }
        switch found.kind {
        case .null: return nil
        case .array: return find(key)!.elements
        default: throw wrongType(key, expected: "an array")
        }
    }

    public func object(_ key: String) throws -> JSONNode? {
        guard let found = memberKind(key) else { return nil }
        switch found.kind {
        case .null: return nil
        case .object: return find(key)
        default: throw wrongType(key, expected: "an object")
        }
    }

    /// Decodes each element of an array member with `decode`.
    /// Long arrays (a whole account's tasks) are decoded on every core; the
    /// error reported is the first in document order, as when decoding in turn.
    public func decodeArray<T>(_ key: String, _ decode: (JSONNode) throws -> T) throws -> [T] {
        guard let elements = try array(key) else { return [] }
        let decoded = Parallel.map(elements.count, minimumCount: 512) { position in
            Result { () throws -> T in
                let element = elements[position]
                guard element.isObject else {
                    throw InputError.wrongType(location: element.location, expected: "an object", found: element.typeDescription)
                }
                return try decode(element)
            }
        }
        return try decoded.map { try $0.get() }
    }
}

/// Where a document came from: its file (or standard input) and, for files
/// holding several documents, which one.
public struct DocumentOrigin: Sendable, Hashable {
    /// Prefix for pointers: empty for the only document of the only input.
    public let prefix: String

    public init(prefix: String) {
        self.prefix = prefix
    }
}

public enum Timestamp {
    /// `2026-11-20T09:00:00Z` for seconds since the epoch (UTC, whole seconds).
    public static func iso(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let second = total - days * 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day))T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }

    /// Parses `2024-05-01T12:34:56Z`, with optional fractional seconds and a
    /// `Z`, `+hh:mm`, `+hhmm` offset; a date alone is midnight UTC.
    public static func parse(_ text: String) -> Double? {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= chars.count else { return nil }
            var value = 0
            for _ in 0..<digits {
                let c = chars[index]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
                index += 1
            }
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard index < chars.count, chars[index] == c else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard index < chars.count else { return seconds }
        guard chars[index] == UInt8(ascii: "T") || chars[index] == UInt8(ascii: " ") else { return nil }
        index += 1
        guard let hour = number(2), expect(58), let minute = number(2) else { return nil }
        var second = 0.0
        if expect(58) {
            guard let whole = number(2) else { return nil }
            second = Double(whole)
            if expect(46) {
                var scale = 0.1
                while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                    second += Double(chars[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        seconds += Double(hour * 3600 + minute * 60) + second
        if index == chars.count || expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
            return index == chars.count ? seconds : nil
        }
        guard index < chars.count, chars[index] == 43 || chars[index] == 45 else { return nil }
        let sign: Double = chars[index] == 43 ? 1 : -1
        index += 1
        guard let offsetHours = number(2) else { return nil }
        _ = expect(58)
        let offsetMinutes = number(2) ?? 0
        guard index == chars.count else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
