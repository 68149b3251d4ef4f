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
    /// "Fargate requires task definition to have execution role ARN ...".
    case executionRoleMissing = "execution-role-missing"
    /// `aws ecs execute-command` failed: ECS Exec not enabled or its agent not running.
    case executeCommandFailed = "execute-command-failed"
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
    case imageNotFound = "image-not-found"
    case imagePlatformMismatch = "image-platform-mismatch"
    case registryRateLimited = "registry-rate-limited"
    case registryAuthFailed = "registry-auth-failed"
    case registryUnavailable = "registry-unavailable"
    case containerOutOfMemory = "container-out-of-memory"
    case containerCommandNotFound = "container-command-not-found"
    case containerStartFailed = "container-start-failed"
    case containerExited = "container-exited"
    case containerHealthCheckFailed = "container-health-check-failed"
    case diskFull = "disk-full"
    case runtimeUnresponsive = "runtime-unresponsive"
    case logGroupMissing = "log-group-missing"
    case secretNotFound = "secret-not-found"
    case noContainerInstances = "no-container-instances"
    case insufficientResources = "insufficient-resources"
    case hostPortConflict = "host-port-conflict"
    case eniLimitReached = "eni-limit-reached"
    case missingAttribute = "missing-attribute"
    case fargateCapacity = "fargate-capacity"
    case eniProvisioningFailed = "eni-provisioning-failed"
    case placementInternalError = "placement-internal-error"
    case spotInterruption = "spot-interruption"
    case taskRetirement = "task-retirement"
    case deploymentFailed = "deployment-failed"
    case serviceScaledAboveZero = "service-scaled-above-zero"
    case deploymentConfigurationBlocks = "deployment-configuration-blocks"
    case taskProtectionBlocksScaleIn = "task-protection-blocks-scale-in"
    case apiThrottled = "api-throttled"

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
    /// The container the failure is about, and its exit code, when the task says.
    public var containerName: String?
    public var exitCode: Int?
    /// Which resource a placement failure was short of (`CPU`, `MEMORY`, `GPU`).
    public var resourceShortage: String?

    public init() {}
}
