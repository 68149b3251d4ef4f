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
    /// The application's AWS SDK found no credentials: the task has no task
    /// role (or the SDK does not read the container credentials endpoint).
    case taskCredentialsMissing = "task-credentials-missing"
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
    /// A line of the application's own log that a crash signature recognises (Runtime/CrashSignatureTable.swift).
    case applicationCrash = "application-crash"
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
    /// A target ELB does not route to: `Target.NotInUse` (Availability Zone
    /// not enabled, or no load balancer uses the target group).
    case targetNotInUse = "target-not-in-use"
    /// "The target group with targetGroupArn ... does not have an associated load balancer."
    case targetGroupWithoutLoadBalancer = "target-group-without-load-balancer"
    /// "The container app did not have a container port 80 defined."
    case containerPortNotDefined = "container-port-not-defined"
    /// CreateService/UpdateService refuse a target group with a fixed health check port for a definition with dynamic host ports.
    case healthCheckPortWithDynamicHostPort = "health-check-port-with-dynamic-host-port"
    /// "Fargate only supports network mode 'awsvpc'."
    case fargateNetworkModeInvalid = "fargate-network-mode-invalid"
    /// "Fargate requires that 'cpu' be defined at the task level", "Invalid 'cpu' setting for task",
    /// "No Fargate configuration exists for given values".
    case taskSizeInvalid = "task-size-invalid"
    /// "The 'memory' setting for container 'web' is greater than for the task."
    case containerExceedsTaskSize = "container-exceeds-task-size"
    /// "At least one of 'memory' or 'memoryReservation' must be specified."
    case containerMemoryMissing = "container-memory-missing"
    /// "Task definition doesn't have any essential container."
    case noEssentialContainer = "no-essential-container"
    /// "When networkMode=awsvpc, the host ports and container ports in port mappings must match."
    case hostPortMismatch = "host-port-mismatch"
    /// "The daemon scheduling strategy does not support the FARGATE launch type."
    case daemonOnFargate = "daemon-on-fargate"
    /// "Network Configuration must be provided when networkMode 'awsvpc' is specified".
    case networkConfigurationMissing = "network-configuration-missing"
    /// "Network Configuration is not valid for the given networkMode of this task definition."
    case networkConfigurationNotValid = "network-configuration-not-valid"
    /// "Task definition does not support launch_type FARGATE."
    case launchTypeIncompatible = "launch-type-incompatible"
    /// `aws ecs execute-command` could not find the Session Manager plugin on the caller's machine.
    case sessionManagerPluginMissing = "session-manager-plugin-missing"
    /// "... cannot contain a capacity provider that is not associated with the cluster".
    case capacityProviderNotAssociated = "capacity-provider-not-associated"
    /// "FARGATE_SPOT capacity provider is not supported when using ARM architecture."
    case fargateSpotArchitecture = "fargate-spot-architecture"
    /// "The service cannot be stopped while deployments are active."
    case serviceDeploymentsActive = "service-deployments-active"
    /// The application refused a request for its Host header (Django's DisallowedHost).
    case hostHeaderRejected = "host-header-rejected"
    /// "invalid reference format", "failed to prepare a canonical reference".
    case imageReferenceInvalid = "image-reference-invalid"
    /// An Auto Scaling activity that could not launch an instance (quota, Spot capacity, launch template).
    case autoScalingLaunchFailed = "auto-scaling-launch-failed"
    /// "ECS was unable to assume the configured ECS Infrastructure Role '...'" (EBS volumes, Managed Instances).
    case infrastructureRoleAssumeFailed = "infrastructure-role-assume-failed"
    /// A failure no pattern knows (an error type, a stop code, "failed", "unable to"...),
    /// or a known failure that no rule of its own interprets.
    case unrecognizedFailure = "unrecognized-failure"

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
    /// The launch type an incompatibility message names (`FARGATE`, `EC2`, `EXTERNAL`).
    public var launchType: String?
    /// The container the failure is about: named by a task-definition
    /// message (`'web'`) or the container whose exit stopped the task.
    public var containerName: String?
    /// The message was cut short (Fargate cuts long reasons), or ends in its family's
    /// envelope before the reason it wraps.
    public var truncated = false
    /// The exit code of that container, when the task says.
    public var exitCode: Int?
    /// Which resource a placement failure was short of (`CPU`, `MEMORY`, `GPU`).
    public var resourceShortage: String?
    /// What made an unrecognised message a failure: an error type, a stop
    /// code, a non-zero exit code or a failure word (`"unable to"`).
    public var failureSignal: String?
    /// The name of the known failure an `unrecognized-failure` pattern
    /// recognised, when one did (a family without a rule of its own).
    public var knownFailure: String?
    /// The crash signature that recognised the line (a log's last words), its line and how many lines the log has.
    public var crashSignature: String?
    public var logLineNumber: Int?
    public var logLineCount: Int?

    public init() {}

    /// A failure named by a known pattern, an error type, a stop code or an exit code, not only by a failure word.
    public var isStrongFailureSignal: Bool {
        knownFailure != nil || !(failureSignal?.hasPrefix("\"") ?? true)
    }
}
