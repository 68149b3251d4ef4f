/// A JSON value together with where it sits in the user's input, so every
/// decoded model can point back at its source, and every type error names
/// the place.
public struct JSONNode: Sendable {
    public let value: JSONValue
    /// RFC 6901 pointer inside its document, e.g. `/tasks/0/containers/1`.
    public let pointer: String
    /// Where the document came from, prefixed to pointers in evidence.
    public let origin: DocumentOrigin

    public init(value: JSONValue, pointer: String, origin: DocumentOrigin) {
        self.value = value
        self.pointer = pointer
        self.origin = origin
    }

    /// The pointer as reported: `file.json#/tasks/0` when several inputs.
    public var location: String { origin.prefix + pointer }

    static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    func child(_ key: String, _ value: JSONValue) -> JSONNode {
        JSONNode(value: value, pointer: pointer + "/" + JSONNode.escape(key), origin: origin)
    }

    func element(_ index: Int, _ value: JSONValue) -> JSONNode {
        JSONNode(value: value, pointer: pointer + "/" + String(index), origin: origin)
    }

    private func wrongType(_ key: String, _ found: JSONValue, expected: String) -> InputError {
        .wrongType(location: child(key, found).location, expected: expected, found: found.typeDescription)
    }

    /// The member, or nil when absent or null.
    public func member(_ key: String) -> JSONNode? {
        guard let found = value[key] else { return nil }
        if case .null = found { return nil }
        return child(key, found)
    }

    public func string(_ key: String) throws -> String? {
        guard let found = value[key] else { return nil }
        switch found {
        case .null: return nil
        case let .string(s): return s
        default: throw wrongType(key, found, expected: "a string")
        }
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let found = value[key] else { return nil }
        switch found {
        case .null: return nil
        case let .bool(b): return b
        // The raw APIs of some services print booleans as strings.
        case let .string(s) where s.lowercased() == "true": return true
        case let .string(s) where s.lowercased() == "false": return false
        default: throw wrongType(key, found, expected: "a boolean")
        }
    }

    /// A 32-bit integer, the type of every integer member we read (ports,
    /// counts, sizes, exit codes, percentages). The bound keeps rule arithmetic
    /// (interval × threshold, desired × percent, sums of container cpu) from
    /// overflowing on hostile input.
    public func int(_ key: String) throws -> Int? {
        guard let found = value[key] else { return nil }
        switch found {
        case .null: return nil
        case let .number(n) where n == n.rounded() && n >= Double(Int32.min) && n <= Double(Int32.max): return Int(n)
        case let .number(n) where n == n.rounded():
            throw InputError.wrongType(location: child(key, found).location, expected: "an integer", found: "a number out of range")
        case let .string(s) where Int32(s) != nil: return Int(s)
        default: throw wrongType(key, found, expected: "an integer")
        }
    }

    /// An ISO 8601 string or epoch seconds / milliseconds, as seconds since 1970.
    public func timestamp(_ key: String) throws -> Double? {
        guard let found = value[key] else { return nil }
        switch found {
        case .null: return nil
        case let .number(n):
            let seconds = n > 100_000_000_000 ? n / 1000 : n
            // Before year 10000 either way, as ISO 8601 strings are: rules subtract
            // timestamps and convert the difference to Int, which traps beyond that.
            guard abs(seconds) < 253_402_300_800 else {
                throw InputError.wrongType(location: child(key, found).location, expected: "a timestamp", found: "a number out of range")
            }
            return seconds
        case let .string(s):
            if let seconds = Timestamp.parse(s) { return seconds }
            throw InputError.wrongType(location: child(key, found).location, expected: "an ISO 8601 timestamp", found: "\"\(s.prefix(40))\"")
        default: throw wrongType(key, found, expected: "a timestamp")
        }
    }

    /// A string or an array of strings (IAM's `Action`, `Resource`...).
    public func stringOrStrings(_ key: String) throws -> [String]? {
        guard let found = value[key] else { return nil }
        switch found {
        case .null: return nil
        case let .string(s): return [s]
        case .array: return try strings(key)
        default: throw wrongType(key, found, expected: "a string or an array of strings")
        }
    }

    public func strings(_ key: String) throws -> [String]? {
        guard let elements = try array(key) else { return nil }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            guard case let .string(s) = element.value else {
                throw InputError.wrongType(location: element.location, expected: "a string", found: element.value.typeDescription)
            }
            result.append(s)
        }
        return result
    }

    public func array(_ key: String) throws -> [JSONNode]? {
        guard let found = value[key] else { return nil }
        switch found {
        case .null: return nil
        case let .array(elements):
            let base = child(key, found)
            return elements.enumerated().map { base.element($0.offset, $0.element) }
        default: throw wrongType(key, found, expected: "an array")
        }
    }

    public func object(_ key: String) throws -> JSONNode? {
        guard let found = value[key] else { return nil }
        switch found {
        case .null: return nil
        case .object: return child(key, found)
        default: throw wrongType(key, found, expected: "an object")
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
                guard case .object = element.value else {
                    throw InputError.wrongType(location: element.location, expected: "an object", found: element.value.typeDescription)
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
