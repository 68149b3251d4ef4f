/// A problem with what the user gave us (exit 65), always naming the place.
public enum InputError: Error, Equatable, Sendable {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, column: Int, message: String)
    case empty(file: String)
    case wrongType(location: String, expected: String, found: String)
    case unknownShape(location: String, keys: [String])
    case nothingToAnalyze(files: [String])

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
            let shown = keys.prefix(8).joined(separator: ", ") + (keys.count > 8 ? ", ..." : "")
            return "\(location): not a document ecs-triage knows (keys: \(shown)); expected AWS CLI output such as `aws ecs describe-tasks` (tasks), `aws ec2 describe-subnets` (Subnets), or an EventBridge ECS event"
        case let .nothingToAnalyze(files):
            return "\(files.joined(separator: ", ")): nothing to analyse: no ECS task, service, task definition, network, IAM or load balancer data and no failure message was recognised"
        }
    }
}
