/// A problem with what the user gave us (exit 65), always naming the place.
public enum InputError: Error, Equatable, Sendable {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, column: Int, message: String)
    case empty(file: String)
    case wrongType(location: String, expected: String, found: String)
    case unknownShape(location: String, keys: [String])
    case nothingToAnalyze(files: [String])
    /// Binary data (a NUL byte) where JSON or text was expected.
    case binary(file: String, line: Int, column: Int)
    /// More than the CLI's `--max-input-size` bytes; `limit` is that size in bytes.
    case tooLarge(file: String, limit: Int)

    public var message: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .syntax(file, line, column, message):
            return "\(file):\(line):\(column): invalid JSON: \(message)"
        case let .empty(file):
            return "\(file): the input is empty; give an AWS CLI JSON output, an EventBridge event or a stopped reason"
        case let .wrongType(location, expected, found):
            return "\(location): expected \(expected), found \(found)"
        case let .unknownShape(location, keys):
            let shown = keys.isEmpty ? "no keys" : "keys: " + keys.prefix(8).joined(separator: ", ") + (keys.count > 8 ? ", ..." : "")
            return "\(location): not a document ecs-triage knows (\(shown)); expected AWS CLI output such as `aws ecs describe-tasks` (tasks), `aws ec2 describe-subnets` (Subnets), or an EventBridge ECS event"
        case let .nothingToAnalyze(files):
            return "\(files.joined(separator: ", ")): nothing to analyse: no ECS task, service, task definition, network, IAM or load balancer data and no failure message was recognised"
        case let .binary(file, line, column):
            return "\(file):\(line):\(column): binary data (a NUL byte), not JSON or text; give AWS CLI JSON output or a failure message (decompress .gz files first)"
        case let .tooLarge(file, limit):
            return "\(file): input larger than --max-input-size (\(InputError.describeSize(limit))); raise the limit with --max-input-size"
        }
    }

    /// An unknown document among usable ones, as a warning: it is skipped.
    public var skippedWarning: String? {
        guard case let .unknownShape(location, keys) = self else { return nil }
        let shown = keys.isEmpty ? "no keys" : "keys: " + keys.prefix(8).joined(separator: ", ") + (keys.count > 8 ? ", ..." : "")
        return "\(location): skipped, not a document ecs-triage reads (\(shown))"
    }

    /// The error with its pointer prefixed by `file#`, unless it already starts
    /// with the file's name.
    public func naming(file: String) -> InputError {
        switch self {
        case let .wrongType(location, expected, found) where !location.hasPrefix(file):
            return .wrongType(location: file + "#" + location, expected: expected, found: found)
        case let .unknownShape(location, keys) where !location.hasPrefix(file):
            return .unknownShape(location: file + "#" + location, keys: keys)
        default:
            return self
        }
    }

    /// `1 GiB`, `10 MiB`, `512 KiB` when exact, else bytes.
    public static func describeSize(_ bytes: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size) \(unit)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
