/// An observed failure: what ECS, ELB or the user's text said went wrong.
public struct Symptom: Sendable, Equatable {
    /// `S1`, `S2`... in the order symptoms were found.
    public var id: String
    public var kind: SymptomKind
    /// The task, service or target group it was observed on; nil for plain text.
    public var resource: String?
    /// JSON pointer (or `line N` for text) of the message.
    public var location: String
    public var message: String
    public var facts: SymptomFacts
}

/// The kinds of failure the analysis recognises. A cause rule declares the
/// kinds it explains; a symptom rule interprets a kind nothing explained.
public enum SymptomKind: String, Sendable, CaseIterable, Comparable {
    /// A task timed out or was refused reaching an AWS endpoint or a registry.
    case awsServiceUnreachable = "aws-service-unreachable"
    /// AccessDenied / not authorized / 403 from an AWS API.
    case accessDenied = "access-denied"
    /// "ECS was unable to assume the role ...".
    case roleAssumeFailed = "role-assume-failed"
    /// ECS could not use its service-linked role or the service role.
    case serviceRoleFailed = "service-role-failed"
    /// Unhealthy targets, ELB health-check kills.
    case targetUnhealthy = "target-unhealthy"
    /// "has target type instance, which is incompatible with the awsvpc network mode".
    case targetTypeIncompatible = "target-type-incompatible"
    /// "TARGET GROUP IS NOT FOUND", TargetGroupNotFound.
    case targetGroupNotFound = "target-group-not-found"
    /// CannotPullContainerError without a more specific reason.
    case imagePullFailed = "image-pull-failed"

    public static func < (lhs: SymptomKind, rhs: SymptomKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a message says beyond its kind, where it says it.
public struct SymptomFacts: Sendable, Equatable {
    /// Short endpoint name (`ecr.api`, `s3`, `logs`...) or a registry host (`docker.io`).
    public var service: String?
    public var host: String?
    public var region: String?
    /// The role named in an AccessDenied (`assumed-role/<name>/...`) or an assume-role failure.
    public var roleName: String?
    public var roleArn: String?
    public var action: String?
    public var resourceArn: String?
    public var targetGroupArn: String?
    public var httpCodes: [Int] = []
    /// ELB reason code, e.g. `Target.ResponseCodeMismatch`.
    public var healthReason: String?
    public var port: Int?
    public var networkMode: String?
    public var targetType: String?
    /// The message ends mid-word (Fargate cuts long reasons).
    public var truncated = false

    public init() {}
}
