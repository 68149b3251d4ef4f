/// Writes JSON deterministically: object keys sorted by their UTF-8 bytes,
/// two-space indentation, integers without a fraction, and a final newline.
/// Works on bytes: reports of whole accounts are tens of megabytes.
public enum JSONWriter {
    public static func write(_ value: JSONValue) -> String {
        String(decoding: bytes(of: value), as: UTF8.self)
    }

    public static func bytes(of value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        write(value, indent: 0, into: &output)
        output.append(0x0A)
        return output
    }

    private static func newline(_ indent: Int, _ output: inout [UInt8]) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: indent))
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case let .bool(flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .number(number): output.append(contentsOf: format(number).utf8)
        case let .string(string): appendQuoted(string, into: &output)
        case let .array(elements):
            if elements.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 2, &output)
                write(element, indent: indent + 2, into: &output)
            }
            newline(indent, &output)
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            if members.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, position) in sortedPositions(members).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 2, &output)
                appendQuoted(members[position].key, into: &output)
                output.append(contentsOf: ": ".utf8)
                write(members[position].value, indent: indent + 2, into: &output)
            }
            newline(indent, &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Member positions in key order, the last of duplicate keys only (as
    /// on lookup). Sorting positions, not hashing keys: rendering reports of
    /// whole accounts spent a fifth of its time in per-object dictionaries.
    private static func sortedPositions(_ members: [(key: String, value: JSONValue)]) -> [Int] {
        func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        if zip(members, members.dropFirst()).allSatisfy({ precedes($0.key, $1.key) }) {
            return Array(members.indices)
        }
        // Stable by position among equal keys, so the last one of a run wins.
        let sorted = members.indices.sorted { a, b in
            precedes(members[a].key, members[b].key) || (members[a].key == members[b].key && a < b)
        }
        var positions: [Int] = []
        positions.reserveCapacity(sorted.count)
        for position in sorted {
            if let last = positions.last, members[last].key == members[position].key {
                positions[positions.count - 1] = position
            } else {
                positions.append(position)
            }
        }
        return positions
    }

    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return number.isFinite ? "\(number)" : "null"
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Escapes what JSON requires, and also DEL, the C1 controls, the bidi
    /// marks, embeddings, overrides and isolates, and the line and paragraph
    /// separators: the text stays exact, and a report shown with `cat` or
    /// in an editor cannot be rearranged by a stopped reason.
    private static func appendQuoted(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let utf8 = string.utf8
        // C1 controls start with 0xC2, U+061C with 0xD8, the others with 0xE2.
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }) {
            output.append(contentsOf: utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                let value = Int(scalar.value)
                output.append(contentsOf: [0x5C, UInt8(ascii: "u")])
                for shift in [12, 8, 4, 0] { output.append(hexDigits[(value >> shift) & 0xF]) }
            default:
                output.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
