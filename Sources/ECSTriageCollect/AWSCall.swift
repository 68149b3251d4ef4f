import ECSTriage

/// A value of an API parameter, as botocore takes it: the native client
/// serialises it by the operation's input shape, the CLI runner renders it
/// as an option value.
public indirect enum AWSValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case list([AWSValue])
    case structure([AWSParameter])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: AWSValue...) { self = .list(elements) }

    /// A list of strings.
    public static func strings(_ values: [String]) -> AWSValue { .list(values.map(AWSValue.string)) }

    /// `[{"Name": name, "Values": values}]`: an EC2 filter.
    public static func filter(_ name: String, _ values: [String]) -> AWSValue {
        .list([.structure([AWSParameter("Name", .string(name)), AWSParameter("Values", .strings(values))])])
    }

    /// Every string in the value, depth first.
    var allStrings: [String] {
        switch self {
        case let .string(text): return [text]
        case .integer, .boolean: return []
        case let .list(items): return items.flatMap(\.allStrings)
        case let .structure(members): return members.flatMap(\.value.allStrings)
        }
    }

    /// The value as JSON, members in their order: what the CLI reads in an
    /// option value that starts with `[` or `{`.
    var json: String {
        switch self {
        case let .string(text): return jsonQuoted(text)
        case let .integer(number): return String(number)
        case let .boolean(flag): return flag ? "true" : "false"
        case let .list(items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        case let .structure(members):
            return "{" + members.map { jsonQuoted($0.name) + ":" + $0.value.json }.joined(separator: ",") + "}"
        }
    }
}

/// One named API parameter (`cluster`, `Filters`...), by its botocore member name.
public struct AWSParameter: Sendable, Hashable {
    public let name: String
    public let value: AWSValue

    public init(_ name: String, _ value: AWSValue) {
        self.name = name
        self.value = value
    }
}

/// One call: an allowed operation and its API parameters. Values come from
/// the account (task definition families, role names, log groups, secret
/// ARNs), so they stay structured: the native client serialises them by the
/// operation's input shape, and for the `aws` CLI each becomes one
/// `--option=value` argument that the CLI cannot read as an option of its own.
public struct AWSCall: Sendable, Hashable, CustomStringConvertible {
    public let operation: AWSOperation
    public let parameters: [AWSParameter]
    /// Set when the resource lives in another region than the collection's
    /// (an `awslogs-region`, a secret ARN, an ECR image URI).
    public let region: String?
    /// The ids the call asks about, when its output does not name them
    /// (a target group's health, a role's policy names, parameter names).
    public let subjects: [String]

    public init(_ operation: AWSOperation, _ parameters: KeyValuePairs<String, AWSValue> = [:], region: String? = nil, subjects: [String] = []) {
        self.operation = operation
        self.parameters = parameters.map { AWSParameter($0.key, $0.value) }
        self.region = region
        self.subjects = subjects
    }

    public var description: String { operation.rawValue }

    public func parameter(_ name: String) -> AWSValue? {
        parameters.first { $0.name == name }?.value
    }

    /// A string parameter, or the strings of a list parameter.
    public func strings(_ name: String) -> [String] {
        switch parameter(name) {
        case let .string(text): return [text]
        case let .list(items): return items.compactMap { if case let .string(text) = $0 { return text } else { return nil } }
        default: return []
        }
    }

    // MARK: Safety

    /// Why this call must not be made, or nil. Checked by every runner before
    /// anything is sent, so that the native client and the CLI refuse the
    /// same calls:
    /// - a control character in any value (it came from the account: an
    ///   escape sequence, a newline that would forge a header or a log line);
    /// - a string option value the `aws` CLI would read as a file or a URL
    ///   to fetch (`file://`, `fileb://`, `http://`, `https://`), which no
    ///   resource name or ARN starts with;
    /// - a region that is not a region name: it becomes part of a host name.
    public var refusal: String? {
        for parameter in parameters {
            for text in parameter.value.allStrings {
                if let control = text.unicodeScalars.first(where: Self.isControl) {
                    return "refused before calling AWS: the value of \(parameter.name) holds the control character "
                        + "U+\(String(control.value, radix: 16, uppercase: true).leftPadded(4)) (it came from the account)"
                }
            }
            if case let .string(text) = parameter.value,
               let prefix = ["file://", "fileb://", "http://", "https://"].first(where: { text.hasPrefix($0) }) {
                return "refused before calling AWS: the aws CLI would read the value of \(parameter.name), which starts with \(prefix), as a file or URL to load"
            }
        }
        if let region, !Self.isRegionName(region) {
            return "refused before calling AWS: the region \(jsonQuoted(region)) (from the account) is not a region name"
        }
        return nil
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `us-east-1`, `cn-north-1`, `us-gov-west-1`, `eu-isoe-west-1`...:
    /// lowercase letters and digits in dash-separated words.
    public static func isRegionName(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        return text.utf8.count <= 32 && words.count >= 3 && words.allSatisfy { word in
            !word.isEmpty && word.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
        }
    }

    // MARK: The aws CLI's arguments

    /// The arguments after `aws <service> <operation>`: one `--option=value`
    /// per parameter, so that no value, whatever it starts with, is read as
    /// an option. Lists and structures are written as JSON unless they are a
    /// single plain value (`--services=web`) or a single structure of plain
    /// values (`--filters=Name=vpc-id,Values=vpc-1,vpc-2`), which the CLI
    /// reads the same and people read more easily. Both CLI versions read these.
    public var arguments: [String] {
        let options = AWSModels.operation(operation.rawValue)?.cliOptions ?? [:]
        return parameters.map { parameter in
            let option = "--" + (options[parameter.name] ?? parameter.name)
            switch parameter.value {
            case let .string(text): return option + "=" + text
            case let .integer(number): return option + "=" + String(number)
            case let .boolean(flag): return flag ? option : "--no-" + option.dropFirst(2)
            case let .list(items):
                if items.count == 1, case let .string(text) = items[0], !Self.looksLikeJSON(text) { return option + "=" + text }
                if items.count == 1, case let .structure(members) = items[0], let shorthand = Self.shorthand(members) { return option + "=" + shorthand }
                return option + "=" + parameter.value.json
            case .structure:
                return option + "=" + parameter.value.json
            }
        }
    }

    /// Arguments after `aws <service> <operation>`, as recorded in `collectErrors`.
    public var recordedArguments: [String] {
        arguments + (region.map { ["--region=" + $0] } ?? [])
    }

    /// The CLI parses an option value starting with `[` or `{` (after
    /// blanks) as JSON.
    static func looksLikeJSON(_ text: String) -> Bool {
        guard let first = text.first(where: { !$0.isWhitespace }) else { return false }
        return first == "[" || first == "{"
    }

    /// `Name=vpc-id,Values=vpc-1,vpc-2`, when every key and value is plain
    /// (no separator or quote the shorthand syntax would read), else nil.
    static func shorthand(_ members: [AWSParameter]) -> String? {
        func plain(_ text: String) -> Bool {
            !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "-_./:@+*".unicodeScalars.contains(scalar)
            }
        }
        var parts: [String] = []
        for (index, member) in members.enumerated() {
            switch member.value {
            case let .string(text) where plain(text):
                parts.append(member.name + "=" + text)
            case let .list(items) where !items.isEmpty:
                let texts = items.compactMap { item -> String? in if case let .string(text) = item, plain(text) { return text } else { return nil } }
                // A list is read up to the end of the value: only the last member may be one.
                guard texts.count == items.count, index == members.count - 1 else { return nil }
                parts.append(member.name + "=" + texts.joined(separator: ","))
            default:
                return nil
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ",")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// What one call gave.
public enum CallOutcome: Sendable {
    case output(JSONValue)
    case failed(CallFailure)

    public var output: JSONValue? {
        if case let .output(value) = self { return value }
        return nil
    }

    public var failure: CallFailure? {
        if case let .failed(failure) = self { return failure }
        return nil
    }
}

/// A call that failed: AWS answered with an error, or it could not be made.
public struct CallFailure: Error, Sendable, Equatable {
    /// The message as the `aws` CLI prints it (its standard error, trimmed);
    /// the native client writes the same `An error occurred (Code) when
    /// calling the Operation operation: message`.
    public var message: String
    /// The AWS error code from `An error occurred (Code) when calling ...`.
    public var code: String?

    public init(message: String) {
        self.message = message
        code = Self.errorCode(in: message)
    }

    public var isNotFound: Bool {
        guard let code else { return false }
        return code.contains("NotFound") || code == "NoSuchEntity"
    }

    static func errorCode(in message: String) -> String? {
        guard let start = message.range(of: "An error occurred (") else { return nil }
        let rest = message[start.upperBound...]
        guard let end = rest.firstIndex(of: ")") else { return nil }
        return String(rest[..<end])
    }
}

/// A string as a JSON string literal, on one line.
func jsonQuoted(_ text: String) -> String {
    var quoted = JSONWriter.write(.string(text))
    quoted.removeLast()
    return quoted
}
