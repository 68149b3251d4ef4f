/// Writes JSON deterministically: object keys sorted by their UTF-8 bytes,
/// two-space indentation, integers without a fraction, and a final newline.
public enum JSONWriter {
    public static func write(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        output.append("\n")
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .null: output.append("null")
        case let .bool(flag): output.append(flag ? "true" : "false")
        case let .number(number): output.append(format(number))
        case let .string(string): appendQuoted(string, into: &output)
        case let .array(elements):
            if elements.isEmpty {
                output.append("[]")
                return
            }
            output.append("[\n")
            for (index, element) in elements.enumerated() {
                output.append(String(repeating: " ", count: indent + 2))
                write(element, indent: indent + 2, into: &output)
                output.append(index == elements.count - 1 ? "\n" : ",\n")
            }
            output.append(String(repeating: " ", count: indent) + "]")
        case let .object(members):
            var latest: [String: JSONValue] = [:]
            for member in members { latest[member.key] = member.value }
            let keys = latest.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            if keys.isEmpty {
                output.append("{}")
                return
            }
            output.append("{\n")
            for (index, key) in keys.enumerated() {
                output.append(String(repeating: " ", count: indent + 2))
                appendQuoted(key, into: &output)
                output.append(": ")
                write(latest[key]!, indent: indent + 2, into: &output)
                output.append(index == keys.count - 1 ? "\n" : ",\n")
            }
            output.append(String(repeating: " ", count: indent) + "}")
        }
    }

    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return number.isFinite ? "\(number)" : "null"
    }

    private static func appendQuoted(_ string: String, into output: inout String) {
        output.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "\u{08}": output.append("\\b")
            case "\u{0C}": output.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }
}
