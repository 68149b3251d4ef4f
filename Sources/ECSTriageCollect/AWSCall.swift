import ECSTriage

/// One `aws` invocation: an allowed operation and its arguments. The runner
/// adds `--output json`, the collection's `--region` (unless the call has
/// its own) and `--profile`.
public struct AWSCall: Sendable, Hashable, CustomStringConvertible {
    public let operation: AWSOperation
    public let arguments: [String]
    /// Set when the resource lives in another region than the collection's
    /// (an `awslogs-region`, a secret ARN, an ECR image URI).
    public let region: String?
    /// The ids the call asks about, when its output does not name them
    /// (a target group's health, a role's policy names, parameter names).
    public let subjects: [String]

    public init(_ operation: AWSOperation, _ arguments: [String], region: String? = nil, subjects: [String] = []) {
        self.operation = operation
        self.arguments = arguments
        self.region = region
        self.subjects = subjects
    }

    /// Arguments after `aws <service> <operation>`, as recorded in `collectErrors`.
    public var recordedArguments: [String] {
        arguments + (region.map { ["--region", $0] } ?? [])
    }

    public var description: String { operation.rawValue }
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

/// A call the `aws` CLI answered with an error.
public struct CallFailure: Error, Sendable, Equatable {
    /// The CLI's message (its standard error, trimmed).
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
