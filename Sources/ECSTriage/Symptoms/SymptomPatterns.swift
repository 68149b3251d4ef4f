/// One recognisable failure wording family. Patterns are tried in table
/// order and the first that matches decides the kind, so specific wordings
/// come before general ones. `example` is a real message of the family; a
/// test checks that each example is classified by its own pattern.
/// `families` are the families of docs/failure-sources.md it covers, `sources` where
/// its wordings were read (a repository path at a commit, or a page).
public struct SymptomPattern: Sendable {
    public var kind: SymptomKind
    public var name: String
    public var families: [String]
    /// At least one of these (lowercased, whitespace-folded) must occur,
    /// unless the whole message is one of `exactly`.
    public var anyOf: [String]
    /// Every one of these must occur.
    public var allOf: [String] = []
    /// Groups of phrases of which one each must occur too: what failed and where
    /// (a network error and a loopback address, a timeout and the EFS volume plugin).
    public var alsoAnyOf: [[String]] = []
    /// None of these may occur.
    public var noneOf: [String] = []
    /// Whole messages (normalized, without a `TaskFailedToStart:` prefix or a
    /// final period): the bare placement failure reasons (`AGENT`, `ATTRIBUTE`).
    public var exactly: [String] = []
    /// Phrases that still count when the message was cut inside them
    /// (Fargate truncates reasons), e.g. `... i/o time`.
    public var truncatable: [String] = []
    /// The family's envelope alone: the message was cut before the reason it wraps, so
    /// the finding is read as from a cut message (`SymptomFacts.truncated`).
    public var reasonCutOff = false
    public var sources: [String]
    public var example: String
}

/// Messages that look like failures and are not: the scheduler's and load
/// balancer's routine states, and errors the agent records for a task
/// stopped on purpose. Checked when no pattern matched, before the failure
/// signals, so that they stay quiet.
public struct RoutinePattern: Sendable {
    public var name: String
    public var anyOf: [String]
    public var sources: [String]
    public var example: String
}

/// Where the wordings were read; docs/failure-sources.md describes each source.
enum PatternSource {
    /// The ECS container agent's source, aws/amazon-ecs-agent at 8dfceca6cf380a83c3007349317566f2862f0673 (1.105.1).
    static func agent(_ path: String) -> String { "aws/amazon-ecs-agent@8dfceca6 " + path }
    /// A page of the current Amazon ECS developer guide.
    static func page(_ name: String) -> String { "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/\(name).html" }
    /// awsdocs/amazon-ecs-developer-guide at 49232cf2ab3bbe78781a45fb1a4c4cf7eee8790a (its last commit with content).
    static func guide(_ file: String) -> String { "awsdocs/amazon-ecs-developer-guide@49232cf2 doc_source/" + file }
    /// The ALB target health reason codes.
    static let elbReasons = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html#target-health-reason-codes"
    static func botocore(_ path: String) -> String { "botocore 1.43.11 " + path }
    static func awscli(_ path: String) -> String { "awscli 1.45.11 " + path }
    /// Wordings only users see, checked against public reports (documented.jsonl names them).
    static func reports(_ what: String) -> String { "public reports: " + what }
}

public enum SymptomPatterns {
    typealias Source = PatternSource

    public static let all: [SymptomPattern] = outsideTheTask + iamAndService + definitionAndAPI + placement + images + dependencies + containers + wrappers

    /// Where the EFS mount runs: Fargate's EFS utils envelope, or on EC2 ecs-init's volume plugin.
    static let efsMount = ["efs utils command", "amazon-ecs-volume-plugin", "mounting volume failed"]
    /// A connection that failed or timed out, as Go's net package and HTTP client print it.
    /// (`connect: no such file or directory` is a Unix socket that is not there.)
    static let networkErrors = ["i/o timeout", "context deadline exceeded", "connection refused", "connection reset by peer",
                                "client.timeout exceeded", "request canceled", "no route to host", "network is unreachable", "timed out",
                                "connect: no such file or directory", "econnrefused", "etimedout", "econnreset", "ehostunreach"]
    /// Loopback and link-local addresses (RFC 6890) and Unix sockets: the host or the task itself, never an AWS endpoint.
    static let localAddresses = ["127.0.0.1", "localhost", "[::1]", "169.254.", "dial unix ", "unix://"]
    /// Link-local endpoints AWS documents: instance metadata, task metadata and credentials, DNS, time.
    static let documentedLinkLocalEndpoints = ["169.254.169.254", "169.254.170.2", "169.254.169.253", "169.254.169.123"]

    // MARK: Failures whose cause is outside the task, whatever the message wraps: checked first.

    static let outsideTheTask: [SymptomPattern] = [
        SymptomPattern(
            // An endpoint host built from an unset region (JavaScript's `undefined`, a template's `null`): no network
            // path reaches it; the region setting (awslogs-region, AWS_REGION) is what is missing.
            kind: .unrecognizedFailure, name: "an AWS endpoint built from an unset region ('undefined' or 'null' where the region belongs)",
            families: ["region-unset"],
            anyOf: [".undefined.amazonaws.com", ".null.amazonaws.com"],
            sources: [Source.botocore("data/endpoints.json (endpoint hostnames: <service>.<region>.amazonaws.com)")],
            example: "ResourceInitializationError: failed to validate logger args: create stream has been retried 7 times: failed to create Cloudwatch log stream: RequestError: send request failed caused by: Post \"https://logs.undefined.amazonaws.com/\": dial tcp: lookup logs.undefined.amazonaws.com on 172.31.0.2:53: no such host"),
        SymptomPattern(
            // CDK's own synthesis checks (aws-cdk-lib aws-ecs: Ec2Service.validate and the like) stop `cdk synth` before
            // anything reaches ECS: the construct tree, not the account, is what to change.
            kind: .unrecognizedFailure, name: "CDK refused to synthesize the service: the cluster has no EC2 capacity in the app",
            families: ["cdk-synth-validation"],
            anyOf: ["needs ec2 capacity"],
            sources: ["aws/aws-cdk packages/aws-cdk-lib/aws-ecs/lib/ec2/ec2-service.ts (validation: \"Cluster for this service needs Ec2 capacity\")"],
            example: "Cluster for this service needs Ec2 capacity. Call addXxxCapacity() on the cluster."),
        SymptomPattern(
            // EMFILE: the process (often the agent or the Docker daemon) ran out of file descriptors; what it was doing
            // (a DNS lookup, a pull) failed because of that, not because of the network or the registry.
            kind: .unrecognizedFailure, name: "the process ran out of file descriptors (too many open files)", families: ["host-file-descriptors"],
            anyOf: ["too many open files"],
            sources: ["strerror(EMFILE), glibc sysdeps/gnu/errlist.h (\"Too many open files\")"],
            example: "CannotPullECRContainerError: RequestError: send request failed caused by: Post https://ecr.us-east-1.amazonaws.com/: dial tcp: lookup ecr.us-east-1.amazonaws.com on 10.0.0.2:53: dial udp 10.0.0.2:53: too many open files"),
        SymptomPattern(
            // ecs-cli logs with logrus (`FATA[0005] Error executing 'up': ...`): the command failed on the caller's machine,
            // so a credential or DNS error in it is the caller's, not the cluster's.
            kind: .unrecognizedFailure, name: "ecs-cli failed on the machine it ran on (its credentials or network, not the cluster's)",
            families: ["caller-cli"],
            anyOf: ["error executing '"], alsoAnyOf: [["fata[", "erro["]],
            sources: ["aws/amazon-ecs-cli ecs-cli/modules/cli (commands log \"Error executing '<command>'\" through logrus, level FATA)"],
            example: "FATA[0005] Error executing 'up': NoCredentialProviders: no valid providers in chain. Deprecated."),
    ]

    // MARK: IAM, ECS Exec and the scheduler's service-level errors name their cause outright.

    static let iamAndService: [SymptomPattern] = [
        SymptomPattern(
            // ECS answers a platform version it no longer offers (or never did, in this Region) with an AccessDeniedException
            // that names no IAM action: no policy grants it, a current platform version (or LATEST) does.
            kind: .unrecognizedFailure, name: "the Fargate platform version is not available (retired or unknown)",
            families: ["platform-version-unavailable"],
            anyOf: ["you do not have authorization to access the specified platform"],
            sources: [Source.reports("CreateService/RunTask AccessDeniedException for a retired Fargate platform version (terraform-provider-aws acceptance tests)"),
                      Source.page("platform-fargate")],
            example: "Error: AccessDeniedException: You do not have authorization to access the specified platform."),
        SymptomPattern(
            kind: .sessionManagerPluginMissing, name: "Session Manager plugin missing on the caller's machine",
            families: ["session-manager-plugin-missing"],
            anyOf: ["sessionmanagerplugin is not found", "session-manager-plugin-not-found", "sessionmanagerplugin is",
                    "refer to sessionmanager documentation"],
            sources: [Source.awscli("awscli/customizations/ecs/executecommand.py")],
            example: "SessionManagerPlugin is not found. Please refer to SessionManager Documentation here: http://docs.aws.amazon.com/console/systems-manager/session-manager-plugin-not-found"),
        SymptomPattern(
            // IAM's CreateServiceLinkedRole refuses a role that exists: the role is there, the template creates it twice.
            kind: .unrecognizedFailure, name: "the service-linked role already exists (creating it again fails)",
            families: ["service-linked-role-exists"],
            anyOf: ["has been taken in this account"], alsoAnyOf: [["service role name", "createservicelinkedrole", "awsservicerolefor"]],
            sources: [Source.reports("IAM CreateServiceLinkedRole InvalidInput, search-index file ids 20251489254, 6716178565")],
            example: "An error occurred (InvalidInput) when calling the CreateServiceLinkedRole operation: Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix."),
        SymptomPattern(
            kind: .serviceRoleFailed, name: "service-linked role or service role unusable",
            families: ["service-linked-role", "service-role-validate-target-group", "iam-maintenance-failed"],
            anyOf: ["unable to assume the service linked role", "unable to assume role and validate the specified targetgrouparn",
                    // CreateCapacityProvider and CreateCluster before the account has the role.
                    "service linked role does not exist", "service-linked role does not exist", "create a service linked role for ecs",
                    "iam permissions policies have been misconfigured or changed", "iam trust relationship has been misconfigured or changed",
                    "misconfigured or changed, and ecs can no longer", "ecs can no longer maintain your service"],
            truncatable: ["ecs can no longer maintain your service"],
            sources: [Source.page("service-event-messages-list"), Source.reports("service-role-validate-target-group"),
                      Source.reports("CreateCapacityProvider: terraform-aws-modules/terraform-aws-ecs#26, aws/containers-roadmap#631"),
                      Source.reports("CreateCluster: aws-cloudformation/cloudformation-coverage-roadmap#818")],
            example: "Unable to assume the service linked role. Please verify that the ECS service linked role exists."),
        SymptomPattern(
            // The ECS role named in an error that is not the caller's own denial: the role is missing or changed.
            kind: .serviceRoleFailed, name: "the ECS service-linked role named in an error", families: ["service-linked-role"],
            anyOf: ["awsserviceroleforecs"],
            noneOf: ["not authorized to perform", "accessdenied", "access denied", "has been taken in this account"],
            sources: [Source.page("using-service-linked-roles") + " (the role's name; linked from aws/containers-roadmap#631)"],
            example: "NoSuchEntity: The role with name AWSServiceRoleForECS cannot be found."),
        SymptomPattern(
            kind: .roleAssumeFailed, name: "ECS could not assume the task or execution role", families: ["role-assume-failed"],
            anyOf: ["was unable to assume the role"],
            sources: [Source.guide("ecs_cwe_events.md"), Source.page("service-event-messages-list")],
            example: "service webapp-1 failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::123456789:role/null' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.)."),
        SymptomPattern(
            // The agent got no execution-role credentials for the task: ECS did not assume the role for it.
            kind: .roleAssumeFailed, name: "no execution role credentials for the task",
            families: ["execution-credentials-missing", "pull-ecr-credentials-missing"],
            anyOf: ["unable to find execution role credentials", "engine ecr credentials: not found", "find execution role credentials",
                    "unable to get execution role credentials", "no execution credentials set for the task"],
            truncatable: ["unable to find execution role credentials"],
            sources: [Source.agent("agent/taskresource/envFiles/envfile.go"), Source.agent("agent/taskresource/asmsecret/asmsecret.go"),
                      Source.agent("agent/taskresource/ssmsecret/ssmsecret.go"), Source.agent("agent/engine/docker_task_engine.go"),
                      Source.agent("agent/taskresource/credentialspec/credentialspec_windows.go"),
                      Source.agent("agent/taskresource/fsxwindowsfileserver/fsxwindowsfileserver_windows.go"),
                      Source.agent("agent/taskresource/firelens/firelens_unix.go (downloadConfigFromS3)"),
                      Source.agent("agent/api/task/task.go (HostConfigError)")],
            example: "ASM secret resource: unable to find execution role credentials"),
        SymptomPattern(
            kind: .executionRoleMissing, name: "task definition lacks an execution role", families: ["execution-role-missing"],
            anyOf: ["requires task definition to have execution role arn", "you must also specify a value for 'executionrolearn'",
                    // RegisterTaskDefinition with repositoryCredentials and no execution role.
                    "requires that the task definition specify a value for executionrolearn"],
            sources: [Source.reports("execution-role-missing")],
            example: "ClientException: Fargate requires task definition to have execution role ARN to support ECR images."),
        SymptomPattern(
            // The caller's own AccessDenied on ecs:ExecuteCommand is iam-access-denied's.
            kind: .executeCommandFailed, name: "ECS Exec not enabled or its agent not running", families: ["exec-not-enabled", "exec-agent-not-connected"],
            anyOf: ["when calling the executecommand operation", "the execute command failed", "execute command was not enabled",
                    "execute command agent isn", "targetnotconnectedexception",
                    // UpdateService / CreateService with enableExecuteCommand and no task role in the definition.
                    "a valid taskrolearn is not being used"],
            noneOf: ["not authorized to perform", "accessdenied"],
            sources: [Source.guide("ecs-exec.md"), Source.botocore("data/ecs/2014-11-13/service-2.json (TargetNotConnectedException)")],
            example: "An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again."),
        SymptomPattern(
            // The SDKs' own wording when their default credential chain finds nothing: no task role.
            kind: .taskCredentialsMissing, name: "the application's SDK found no AWS credentials", families: ["task-credentials-missing"],
            anyOf: ["nocredentialserror", "unable to locate credentials", "could not load credentials from any providers",
                    "unable to load credentials from any of the providers in the chain", "nocredentialproviders"],
            // The agent's own registration without instance credentials: the instance never joins (agent registration family).
            noneOf: ["error registering", "could not register:", "register as a container instance", "error re-registering"],
            sources: [Source.botocore("exceptions.py (NoCredentialsError)"),
                      "aws/aws-sdk-js-v3@12aa66b packages/credential-provider-node/src/defaultProvider.ts",
                      "aws/aws-sdk-java-v2@07ca27c core/auth/src/main/java/software/amazon/awssdk/auth/credentials/AwsCredentialsProviderChain.java",
                      "aws/aws-sdk-go aws/credentials/chain_provider.go (NoCredentialProviders)"],
            example: "botocore.exceptions.NoCredentialsError: Unable to locate credentials"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "ECS Exec: the task was not found", families: ["exec-task-not-found"],
            anyOf: ["the task provided in the request was not found", "provided in the request was not found", "the task provided in the request"],
            truncatable: ["the task provided in the request was not found"],
            sources: [Source.awscli("awscli/customizations/ecs/executecommand.py")],
            example: "The task provided in the request was not found."),
        SymptomPattern(
            kind: .capacityProviderNotAssociated, name: "capacity provider not associated with the cluster",
            families: ["capacity-provider-not-associated"],
            anyOf: ["capacity provider that is not associated with the cluster", "the specified capacity provider was not found"],
            sources: [Source.reports("dask/dask-cloudprovider#328, terraform-aws-modules/terraform-aws-ecs#53")],
            example: "An error occurred (InvalidParameterException) when calling the RunTask operation: The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again."),
        SymptomPattern(
            kind: .fargateSpotArchitecture, name: "FARGATE_SPOT refused for an ARM64 task", families: ["fargate-spot-arm64"],
            anyOf: ["fargate_spot capacity provider is not supported when using arm", "not supported when using arm architecture",
                    "capacity provider is not supported when using arm", "fargate_spot capacity provider is"],
            truncatable: ["fargate_spot capacity provider is not supported when using arm architecture"],
            sources: [Source.reports("aws/containers-roadmap#2407"), Source.guide("fargate-capacity-providers.md")],
            example: "FARGATE_SPOT capacity provider is not supported when using ARM architecture."),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "capacity provider in use cannot be removed", families: ["capacity-provider-in-use"],
            anyOf: ["capacity provider is in use and cannot be removed", "is in use and cannot be removed"],
            sources: [Source.reports("aws/containers-roadmap#631")],
            example: "Resource handler returned message: \"Out of retries. Last encountered error was: The specified capacity provider is in use and cannot be removed.\""),
        SymptomPattern(
            kind: .serviceDeploymentsActive, name: "service deleted while deployments are active", families: ["service-deployments-active"],
            anyOf: ["cannot be stopped while deployments are active"],
            sources: [Source.reports("hashicorp/terraform-provider-aws internal/service/ecs")],
            example: "An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while deployments are active."),
        SymptomPattern(
            kind: .serviceScaledAboveZero, name: "service deleted while scaled above 0", families: ["service-scaled-above-zero"],
            anyOf: ["cannot be stopped while it is scaled above 0"],
            sources: [Source.reports("service-scaled-above-zero")],
            example: "An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while it is scaled above 0."),
        SymptomPattern(
            kind: .taskProtectionBlocksScaleIn, name: "protected tasks block scale-in", families: ["task-protection"],
            anyOf: ["protected tasks are more than the desired count"], exactly: ["deployment_blocked"],
            sources: [Source.page("service-event-messages-list"), Source.page("api_failures_messages")],
            example: "service (service-name) was unable to reach steady state because task set (taskSet-ID) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks."),
        SymptomPattern(
            kind: .deploymentConfigurationBlocks, name: "deployment configuration leaves no room", families: ["deployment-configuration-blocks"],
            anyOf: ["because of the service deployment configuration", "stop or start tasks during a deployment", "or maximumpercent value and try again",
                    "update the minimumhealthypercent or maximumpercent"],
            sources: [Source.page("service-event-messages-list"), Source.guide("service-event-messages.md")],
            example: "(service my-service) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again."),
        SymptomPattern(
            kind: .apiThrottled, name: "API throttling", families: ["api-throttled"],
            anyOf: ["request limit exceeded", "requestlimitexceeded", "rate exceeded", "throttlingexception", "are being throttled",
                    "error retrieving security group information", "ecs_operation_throttled", "service_discovery_operation_throttled",
                    "being throttled",
                    // RegisterTaskDefinition's limit on concurrent revisions of one family: retry with backoff.
                    "too many concurrent attempts to create a new revision"],
            sources: [Source.botocore("exceptions.py"), Source.page("service-event-messages-list"), Source.guide("ecs_cwe_events.md"),
                      Source.reports("RegisterTaskDefinition ClientException on concurrent revisions of one family")],
            example: "An error occurred (InvalidParameterException) when calling the RunTask operation: Error retrieving security group information for [sg-05937427457b61ff5]: Request limit exceeded. (ErrorCode: RequestLimitExceeded)"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "the platform version lacks a capability of the task definition",
            families: ["platform-version-incompatible"],
            anyOf: ["platformtaskdefinitionincompatibilityexception", "does not satisfy the task definition"],
            sources: [Source.botocore("data/ecs/2014-11-13/service-2.json")],
            example: "An error occurred (PlatformTaskDefinitionIncompatibilityException) when calling the RunTask operation: The specified platform does not satisfy the task definition’s required capabilities."),
        SymptomPattern(
            // UpdateService changing deploymentController while CodeDeploy or EXTERNAL task sets remain.
            kind: .unrecognizedFailure, name: "the deployment controller cannot change while the service has several task sets",
            families: ["deployment-controller-update-blocked"],
            anyOf: ["updating the deployment controller is not supported", "ensure your service has only one taskset"],
            sources: [Source.page("troubleshooting-deployment-controller-migration")],
            example: "Updating the deployment controller is not supported when there are multiple tasksets in the service. Please ensure your service has only one taskset and try again."),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "the load balancer of a service cannot change", families: ["load-balancer-immutable"],
            anyOf: ["load balancer container name or port changed in task definition", "container name or port changed in task definition"],
            truncatable: ["load balancer container name or port changed in task definition"],
            sources: [Source.guide("troubleshoot-service-load-balancers.md")],
            example: "Unable to update the service checkout-api: Load balancer container name or port changed in task definition"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "a RunTask failure without details", families: ["api-failure-missing"],
            anyOf: [], exactly: ["missing", "task_not_valid"],
            sources: [Source.page("api_failures_messages"), Source.agent("ecs-agent/api/errors/errors.go")],
            example: "MISSING"),
    ]

    // MARK: Task definition and API validation errors.

    static let definitionAndAPI: [SymptomPattern] = [
        SymptomPattern(
            kind: .targetTypeIncompatible, name: "target type incompatible with network mode", families: ["target-type-mismatch"],
            anyOf: ["has target type"], allOf: ["incompatible with the", "network mode"],
            sources: [Source.reports("shared corpus tg-instance-vs-awsvpc")],
            example: "InvalidParameterException: The provided target group arn:aws:elasticloadbalancing:eu-central-1:816911915741:targetgroup/tools-2020020516252207480000000f/3e51ba6896be6349 has target type instance, which is incompatible with the awsvpc network mode specified in the task definition."),
        SymptomPattern(
            // ELB rejects an IP address registered as an instance id: awsvpc
            // tasks on a target group of type instance.
            kind: .targetTypeIncompatible, name: "task IP registered as an instance id", families: ["target-type-mismatch"],
            anyOf: ["is not valid"], allOf: ["failed to register targets", "instance id"],
            sources: [Source.reports("shared corpus")],
            example: "(service web) failed to register targets in (target-group arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/web-tg/e0161073acdaa612) with (error Instance ID '10.0.1.57' is not valid)"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "targets outside the target group's VPC", families: ["target-vpc-mismatch"],
            anyOf: ["are not in the target group vpc"],
            sources: [Source.reports("target-vpc-mismatch")],
            example: "(service checkout-api) failed to register targets in (target-group arn:aws:elasticloadbalancing:eu-west-1:482910573318:targetgroup/checkout-api-tg/493f304b6f56f21b) with (error The following targets are not in the target group VPC 'vpc-0d2f8a6c1b3e5f7a9': '10.1.4.27')"),
        SymptomPattern(
            kind: .targetGroupWithoutLoadBalancer, name: "target group without a load balancer", families: ["target-group-without-load-balancer"],
            anyOf: ["does not have an associated load balancer", "target group is not configured to receive traffic from the load balancer"],
            sources: [Source.reports("target-group-without-load-balancer"), Source.elbReasons],
            example: "InvalidParameterException: The target group with targetGroupArn arn:aws:elasticloadbalancing:us-east-1:549567774903:targetgroup/tg-fargate-example/97c07ffe67daf38f does not have an associated load balancer."),
        SymptomPattern(
            kind: .targetNotInUse, name: "target not in use", families: ["target-az-not-enabled"],
            anyOf: ["target.notinuse", "target is in an availability zone that is not enabled for the load balancer"],
            sources: [Source.elbReasons, Source.botocore("data/elbv2/2015-12-01/service-2.json (TargetHealthReasonEnum)")],
            example: #""Reason": "Target.NotInUse", "Description": "Target is in an Availability Zone that is not enabled for the load balancer""#),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "target IP address unusable", families: ["target-ip-unusable"],
            anyOf: ["target.ipunusable", "the ip address cannot be used as a target"],
            sources: [Source.elbReasons],
            example: #""State": "unused", "Reason": "Target.IpUnusable", "Description": "The IP address cannot be used as a target, as it is in use by a load balancer""#),
        SymptomPattern(
            kind: .healthCheckPortWithDynamicHostPort, name: "fixed health check port with dynamic host ports",
            families: ["health-check-port-mismatch"],
            anyOf: ["has a health check port specified"], allOf: ["dynamic host port"],
            sources: [Source.reports("CreateService/UpdateService InvalidParameterException (CloudFormation AWS::ECS::Service) for bridge tasks with hostPort 0"),
                      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html (dynamic host port mapping: the health check uses the traffic port)"],
            example: "The task definition is configured to use a dynamic host port, but the target group with targetGroupArn arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-tg/bcd1d8e7fa7324f8 has a health check port specified. (Service: AmazonECS; Status Code: 400; Error Code: InvalidParameterException; Request ID: 5d1b8f0e-0c55-4a7e-9d0b-3b8c7c1f2a90)"),
        SymptomPattern(
            kind: .containerPortNotDefined, name: "load balancer container port not in the container's port mappings",
            families: ["health-check-port-mismatch"],
            anyOf: ["did not have a container port"],
            sources: [Source.reports("health-check-port-mismatch")],
            example: "InvalidParameterException: The container app did not have a container port 80 defined."),
        SymptomPattern(
            kind: .fargateNetworkModeInvalid, name: "Fargate needs the awsvpc network mode", families: ["fargate-requires-awsvpc"],
            anyOf: ["fargate only supports network mode"],
            sources: [Source.reports("fargate-requires-awsvpc")],
            example: "ClientException: Fargate only supports network mode 'awsvpc'."),
        SymptomPattern(
            kind: .taskSizeInvalid, name: "Fargate task size not defined", families: ["fargate-invalid-cpu-memory"],
            anyOf: ["fargate requires that 'cpu' be defined", "fargate requires that 'memory' be defined"],
            sources: [Source.guide("task-cpu-memory-error.md")],
            example: "Error: ClientException: Fargate requires that 'cpu' be defined at the task level."),
        SymptomPattern(
            kind: .taskSizeInvalid, name: "invalid task cpu or memory", families: ["fargate-invalid-cpu-memory"],
            anyOf: ["invalid 'cpu' setting for task", "invalid 'memory' setting for task", "no fargate configuration exists for given values"],
            sources: [Source.guide("task-cpu-memory-error.md")],
            example: "Error: ClientException: Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."),
        SymptomPattern(
            kind: .containerExceedsTaskSize, name: "container size above the task's", families: ["container-memory-exceeds-task"],
            anyOf: ["is greater than for the task", "is greater than for task"], allOf: ["setting for container"],
            sources: [Source.reports("container-memory-exceeds-task")],
            example: "ClientException: The 'memory' setting for container 'worker' is greater than for the task."),
        SymptomPattern(
            kind: .containerMemoryMissing, name: "container without memory or memoryReservation", families: ["memory-not-specified"],
            anyOf: ["at least one of 'memory' or 'memoryreservation' must be specified"],
            sources: [Source.reports("moto 5.2.1 moto/ecs/exceptions.py")],
            example: "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Invalid setting for container 'my-container'. At least one of 'memory' or 'memoryReservation' must be specified."),
        SymptomPattern(
            kind: .noEssentialContainer, name: "no essential container", families: ["no-essential-container"],
            anyOf: ["doesn't have any essential container", "does not have any essential container", "at least one essential container"],
            sources: [Source.reports("shared corpus")],
            example: "ClientException: Task definition doesn't have any essential container."),
        SymptomPattern(
            kind: .hostPortMismatch, name: "host port differs from container port in awsvpc", families: ["awsvpc-host-port-mismatch"],
            anyOf: ["host ports and container ports in port mappings must match"],
            sources: [Source.reports("awsvpc-host-port-mismatch")],
            example: "ClientException: When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
        SymptomPattern(
            kind: .daemonOnFargate, name: "DAEMON scheduling on Fargate", families: ["daemon-on-fargate"],
            anyOf: ["daemon scheduling strategy does not support the fargate", "fargate tasks do not support the daemon"],
            sources: [Source.reports("shared corpus")],
            example: "InvalidParameterException: The daemon scheduling strategy does not support the FARGATE launch type. Change the launch type and try again"),
        SymptomPattern(
            kind: .networkConfigurationMissing, name: "awsvpc without network configuration", families: ["awsvpc-network-configuration-missing"],
            anyOf: ["network configuration must be provided when networkmode 'awsvpc' is specified"],
            sources: [Source.reports("shared corpus awsvpc-network-config-required")],
            example: "Network Configuration must be provided when networkMode 'awsvpc' is specified"),
        SymptomPattern(
            kind: .networkConfigurationNotValid, name: "network configuration for bridge or host", families: ["awsvpc-network-configuration-missing"],
            // The field name is quoted differently by each tool (`networkMode`, 'networkMode', bare): the sentence before it decides.
            anyOf: ["network configuration is not valid for the given"],
            sources: [Source.reports("shared corpus")],
            example: "InvalidParameterException: Network Configuration is not valid for the given networkMode of this task definition."),
        SymptomPattern(
            kind: .launchTypeIncompatible, name: "launch type not in the definition's compatibilities", families: ["launch-type-incompatible"],
            anyOf: ["does not support launch_type", "does not support launch type", "is not compatible with the selected compute strategy",
                    "compatible with the selected compute strategy", "task definition is not compatible with the selected",
                    "with the selected compute strategy"],
            truncatable: ["is not compatible with the selected compute strategy", "with the selected compute strategy"],
            sources: [Source.reports("shared corpus td-not-support-fargate"), Source.page("failed-to-start-error")],
            example: "InvalidParameterException: Task definition does not support launch_type FARGATE."),
        SymptomPattern(
            kind: .targetGroupNotFound, name: "target group not found", families: ["target-group-not-found"],
            anyOf: ["target group is not found", "targetgroupnotfound", "target groups not found", "target group not found"],
            sources: [Source.page("service-event-messages-list")],
            example: "service (service-name) task set (taskSet-ID) (task task-id) is not healthy in target-group (targetGroup-ARN)) due to TARGET GROUP IS NOT FOUND."),
    ]

    // MARK: Placement (EC2 and Fargate) and capacity.

    static let placement: [SymptomPattern] = [
        SymptomPattern(
            // ECS Managed Instances launch through the capacity provider itself and report EC2's error code
            // (VcpuLimitExceeded, InsufficientInstanceCapacity) in the task's failure.
            kind: .autoScalingLaunchFailed, name: "Auto Scaling group or Managed Instances cannot launch instances",
            families: ["auto-scaling-cannot-launch", "managed-instances-cannot-launch"],
            anyOf: ["launching ec2 instance failed", "could not launch spot instances", "could not launch on-demand instances",
                    "asginstancelaunchfailures", "more vcpu capacity than your current vcpu limit", "your current vcpu limit",
                    "launch spot instances", "unfulfillablecapacity", "requested more vcpu capacity",
                    "request an adjustment to this limit", "vcpulimitexceeded", "insufficientinstancecapacity",
                    "we currently do not have sufficient"],
            truncatable: ["launching ec2 instance failed"],
            sources: [Source.reports("Auto Scaling activities (documented.jsonl family auto-scaling-cannot-launch)"),
                      Source.page("troubleshooting-managed-instances") + " (VcpuLimitExceeded, InsufficientCapacity)"],
            example: "Launching a new EC2 instance. Status Reason: You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit. Launching EC2 instance failed."),
        SymptomPattern(
            // The agent's own log: the instance never joins the cluster.
            kind: .noContainerInstances, name: "container instance cannot register", families: ["agent-registration-failed", "placement-agent-disconnected"],
            anyOf: ["unable to register as a container instance with ecs", "container instance type changes are not supported",
                    "timed out waiting for amazon ecs agent to start", "waiting for amazon ecs agent to start",
                    // Older agents: "Could not register: %v" (1.0 to 1.2x), "Error registering: %v", "Error re-registering: %v".
                    "could not register:", "error registering:", "error re-registering:",
                    // Current agents (structured log): msg="Error registering container instance" error="...".
                    "error registering container instance", "error re-registering container instance",
                    "registration attempt with", "unable to register container instance", "error registering attributes",
                    "does not match the registered instance type",
                    // ecs-init: the agent exited for good (exit code 5, a terminal registration error).
                    "agent exited with terminal exit code"],
            truncatable: ["unable to register as a container instance with ecs", "timed out waiting for amazon ecs agent to start"],
            sources: [Source.agent("agent/app/agent.go"), Source.agent("ecs-agent/api/ecs/client/ecs_client.go"),
                      Source.agent("ecs-init/engine/engine.go"), Source.page("service-event-messages-list"),
                      "aws/amazon-ecs-agent at v1.0.0 agent/api/api_client.go, v1.14.0 and v1.20.0 agent/api/ecsclient/client.go and agent/app/agent.go"],
            example: "2023-03-02T10:15:04Z [ERROR] Unable to register as a container instance with ECS: ClientException: Cluster not found."),
        SymptomPattern(
            kind: .noContainerInstances, name: "no container instances / agent disconnected",
            families: ["capacity-provider-empty", "placement-agent-disconnected", "placement-inactive-instance", "placement-no-container-instances"],
            anyOf: ["no container instances were found in your cluster", "no container instances were found in your capacity provider",
                    "encountered error \"agent\"", "no container instance met all of its requirements. reason: no container instances",
                    "empty capacity provider", "no active instances", "was unable to place a task because the resources could not be found",
                    "container instances were found in your", "because the resources could not be found", "no container instances"],
            exactly: ["agent", "inactive"],
            truncatable: ["no container instances were found in your capacity provider", "the resources could not be found"],
            sources: [Source.page("service-event-messages-list"), Source.page("api_failures_messages"), Source.guide("service-event-messages.md")],
            example: "service authentication_services was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster."),
        SymptomPattern(
            kind: .eniLimitReached, name: "RESOURCE:ENI", families: ["placement-eni-limit", "eni-attach-failed"],
            anyOf: ["resource:eni", "unable to attach network interface to unused device index", "attach network interface to unused device"],
            truncatable: ["unable to attach network interface to unused device index"],
            sources: [Source.page("api_failures_messages"), Source.page("failed-to-start-error")],
            example: "service qa-web-app-service was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ... encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section."),
        SymptomPattern(
            kind: .insufficientResources, name: "insufficient CPU / memory / GPU", families: ["placement-insufficient-resources"],
            anyOf: ["has insufficient cpu", "has insufficient memory", "has insufficient gpu", "insufficient cpu units", "insufficient memory available",
                    "resource:cpu", "resource:memory", "resource:gpu"],
            sources: [Source.page("api_failures_messages"), Source.page("service-event-messages-list"), Source.guide("ecs_cwe_events.md")],
            example: "service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id has insufficient CPU units available."),
        SymptomPattern(
            kind: .hostPortConflict, name: "host port already in use", families: ["placement-port-conflict"],
            anyOf: ["already using a port required by your task", "resource:ports"],
            sources: [Source.page("api_failures_messages"), Source.page("service-event-messages-list")],
            example: "The closest matching container-instance is already using a port required by your task."),
        SymptomPattern(
            kind: .missingAttribute, name: "missing attribute or unsatisfied constraint",
            families: ["placement-missing-attribute", "placement-constraint-unsatisfied", "placement-location"],
            // A DAEMON service's task whose instance no longer meets the service's placement constraints (a service action event).
            anyOf: ["missing an attribute required by your task", "encountered error \"attribute\"", "placement constraint unsatisfied",
                    "service_daemon_placement_constraint_violated"],
            exactly: ["attribute", "location"],
            sources: [Source.page("api_failures_messages"), Source.page("service-event-messages-list"), Source.reports("placement-constraint-unsatisfied"),
                      Source.page("ecs_service_events")],
            example: "service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id is missing an attribute required by your task."),
        SymptomPattern(
            kind: .fargateCapacity, name: "Fargate quota or capacity",
            families: ["fargate-quota", "fargate-capacity-unavailable", "placement-provisioning-limit"],
            anyOf: ["reached the limit on the number of", "capacity is unavailable at this time", "you've reached the limit", "resource:fargate",
                    "configuration is above your limit", "tasks provisioning capacity limit was exceeded", "the limit on the number of",
                    "provisioning capacity limit", "place tasks in your cluster because the tasks"],
            truncatable: ["configuration is above your limit", "reached the limit on the number of", "tasks provisioning capacity limit was exceeded"],
            sources: [Source.page("service-event-messages-list"), Source.guide("service-event-messages.md"), Source.guide("ecs_cwe_events.md"),
                      "https://repost.aws/knowledge-center/ecs-fargate-runtask-capacity"],
            example: "Reason: You've reached the limit on the number of spot tasks you can run concurrently. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."),
        SymptomPattern(
            kind: .placementInternalError, name: "placement internal error (unsupported Availability Zone)", families: ["fargate-unsupported-az"],
            anyOf: ["reason: internal error"],
            truncatable: ["reason: internal error"],
            sources: [Source.page("service-event-messages-list")],
            example: "service (service-name) was unable to place a task. Reason: Internal error."),
        SymptomPattern(
            // Which requirement failed is not said: CPU and memory are the usual ones.
            kind: .insufficientResources, name: "no container instance met the requirements (no reason given)",
            families: ["placement-no-container-instances"],
            anyOf: ["no container instance met all of its requirements", "the closest matching container-instance", "met all of its requirements"],
            truncatable: ["no container instance met all of its requirements"],
            sources: [Source.page("service-event-messages-list")],
            example: "service checkout-api was unable to place a task because no container instance met all of its requirements."),
        SymptomPattern(
            kind: .eniProvisioningFailed, name: "ENI provisioning failed", families: ["eni-provisioning-timeout", "eni-create-failed"],
            anyOf: ["waiting for network interface provisioning", "network interface provisioning to complete",
                    "unexpected ec2 error while attempting to create network interface", "attempting to create network interface"],
            sources: [Source.page("failed-to-start-error"), Source.reports("eni-provisioning-timeout")],
            example: "Timeout waiting for network interface provisioning to complete."),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "the agent could not set up the task's network namespace", families: ["container-networking-failed"],
            anyOf: ["containernetworkingerror", "empty result from network namespace setup"],
            sources: [Source.agent("agent/engine/docker_task_engine.go")],
            example: "ContainerNetworkingError: container resource provisioning: empty result from network namespace setup"),
        SymptomPattern(
            kind: .spotInterruption, name: "Fargate Spot interruption", families: ["spot-interruption"],
            anyOf: ["your spot task was interrupted", "spotinterruption", "spot interruption", "spot task was interrupted", "your spot task"],
            truncatable: ["your spot task was interrupted"],
            sources: [Source.guide("fargate-capacity-providers.md"), Source.reports("spot-interruption")],
            example: "Your Spot Task was interrupted."),
        SymptomPattern(
            kind: .taskRetirement, name: "task retirement / platform patching", families: ["task-retirement"],
            anyOf: ["aws_ecs_task_patching_retirement", "task patching retirement", "scheduled for retirement", "will be retired",
                    "task retirement", "performing maintenance on the underlying infrastructure hosting the task",
                    "maintenance on the underlying infrastructure", "performing maintenance on the underlying",
                    "infrastructure hosting the task", "ecs is performing maintenance"],
            truncatable: ["performing maintenance on the underlying infrastructure hosting the task",
                          "maintenance on the underlying infrastructure hosting the task"],
            sources: [Source.guide("task-maintenance.md")],
            example: "AWS Health event AWS_ECS_TASK_PATCHING_RETIREMENT: tasks on previous platform version revision will be retired starting at the scheduled time"),
        SymptomPattern(
            kind: .deploymentFailed, name: "deployment failing / circuit breaker", families: ["deployment-failing", "deployment-alarm"],
            anyOf: ["deployment circuit breaker", "unable to consistently start tasks successfully", "service_deployment_failed",
                    "deployment failed:", "rolling back to deployment", "service_task_start_impaired", "circuit breaker:", "rolling back to",
                    "alarm detected",
                    "to consistently start tasks", "start tasks successfully"],
            truncatable: ["unable to consistently start tasks successfully", "rolling back to deployment", "deployment circuit breaker",
                          "deployment failed"],
            sources: [Source.guide("ecs_cwe_events.md"), Source.page("service-event-messages-list"), Source.reports("deployment-alarm")],
            example: "ECS deployment circuit breaker: tasks failed to start."),
        SymptomPattern(
            // Service action events (EventBridge) whose name is all a notification carries; the event's reason field,
            // when pasted, is read by the pattern of its own wording.
            kind: .unrecognizedFailure, name: "service discovery (Cloud Map) or VPC Lattice reports an unhealthy task",
            families: ["service-registry-unhealthy"],
            anyOf: ["service_discovery_instance_unhealthy", "vpc_lattice_target_unhealthy"],
            sources: [Source.page("ecs_service_events")],
            example: "SERVICE_DISCOVERY_INSTANCE_UNHEALTHY"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "the service scheduler could not read its tasks' health", families: ["service-health-unknown"],
            anyOf: ["service_health_unknown"],
            sources: [Source.page("ecs_service_events")],
            example: "SERVICE_HEALTH_UNKNOWN"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "the scheduler could not place or configure a task (the event's reason field names why)",
            families: ["service-action-failure-event"],
            anyOf: ["service_task_placement_failure", "service_task_configuration_failure"],
            sources: [Source.page("ecs_service_events")],
            example: "SERVICE_TASK_CONFIGURATION_FAILURE"),
        SymptomPattern(
            kind: .deploymentFailed, name: "tasks of a deployment could not be launched", families: ["placement-insufficient-resources"],
            anyOf: ["tasks for deployment"], allOf: ["launch"],
            sources: [Source.page("service-event-messages-list")],
            example: "service checkout-api could not launch 3 tasks for deployment ecs-svc/2042725167615521167."),
    ]

    // MARK: Image pulls: specific causes before the generic one.

    static let images: [SymptomPattern] = [
        SymptomPattern(
            // The Docker client's own words when the daemon's socket or named pipe does not answer; the agent
            // wraps them in whatever it was doing (a pull, a create): the daemon is the cause, not the image.
            kind: .runtimeUnresponsive, name: "Docker daemon not reachable", families: ["container-runtime-lost"],
            anyOf: ["docker client must be run with elevated privileges", "cannot connect to the docker daemon", "is the docker daemon running"],
            sources: [Source.agent("agent/vendor/github.com/docker/docker/client/request.go (connection errors: elevated privileges on Windows, \"Cannot connect to the Docker daemon\")")],
            example: "CannotPullContainerError: error during connect: In the default daemon configuration on Windows, the docker client must be run with elevated privileges to connect"),
        SymptomPattern(
            kind: .diskFull, name: "no space left on device", families: ["ephemeral-storage-exhausted"],
            anyOf: ["no space left on device", "thin pool", "not enough space",
                    // What agents and CI runners in a task print when the task's storage runs low (Jenkins' disk space monitor).
                    "lack of disk space", "low disk space", "insufficient disk space", "out of disk space"],
            sources: [Source.guide("CannotCreateContainerError.md"), Source.page("task_cannot_pull_image"),
                      Source.reports("Windows ERROR_DISK_FULL text")],
            example: "CannotPullContainerError: write /var/lib/docker/tmp/GetImageBlob102484030: no space left on device"),
        SymptomPattern(
            kind: .registryRateLimited, name: "Docker Hub rate limit", families: ["registry-rate-limited"],
            anyOf: ["toomanyrequests", "429 too many requests", "pull rate limit"],
            sources: [Source.guide("task_cannot_pull_image.md"), Source.page("task_cannot_pull_image")],
            example: "Flow run could not be submitted to infrastructure: TaskFailedToStart - 429 Too Many Requests - Server message: toomanyrequests:"),
        SymptomPattern(
            kind: .imageReferenceInvalid, name: "image reference not valid", families: ["image-reference-invalid"],
            // "failed to normalize image reference": containerd's reference parser (reference/docker
            // ParseNormalizedNamed callers), the wording Fargate gives for an image field that is no reference.
            // "Container.image should not be null or empty": RegisterTaskDefinition's ClientException for an empty image.
            anyOf: ["invalid reference format", "failed to prepare a canonical reference", "repository name must be lowercase",
                    "failed to normalize image reference", "container.image should not be null or empty",
                    "repository contains invalid characters", "container.image repository should not be null"],
            sources: [Source.agent("agent/engine/docker_task_engine.go"),
                      "distribution/reference@0965666a reference.go (ErrReferenceInvalidFormat, ErrNameContainsUppercase)",
                      Source.reports("RegisterTaskDefinition ClientException for an empty image (ContainerDefinition.image is required: botocore data/ecs/2014-11-13/service-2.json)")],
            example: "CannotPullContainerError: Error response from daemon: invalid reference format: repository name must be lowercase"),
        SymptomPattern(
            kind: .imagePlatformMismatch, name: "image built for another platform", families: ["image-platform-mismatch"],
            anyOf: ["exec format error", "no matching manifest for", "does not contain descriptor matching platform",
                    "does not match the specified platform", "image manifest does not contain descriptor",
                    "the container operating system does not match the host operating system",
                    // Docker on Windows: an image of another Windows build than the host's under process isolation.
                    "-based image is incompatible with a", "-based image can only be run on a", "host using hyper-v isolation",
                    // Docker: a Windows image on a Linux host, or the reverse.
                    "cannot be used on this platform", "image operating system \""],
            truncatable: ["exec format error", "no matching manifest for"],
            sources: [Source.page("task_cannot_pull_image"), Source.agent("agent/dockerclient/dockerapi/docker_client.go"),
                      Source.reports("image-platform-mismatch"),
                      "moby/moby distribution/pull_v2_windows.go checkImageCompatibility (search-index file ids 5633478664, 141149027)",
                      Source.guide("platform-windows-fargate.md"),
                      Source.reports("image operating system \"windows\" cannot be used on this platform: search-index file ids 14171618136, 20250916310")],
            example: "standard_init_linux.go:228: exec user process caused: exec format error"),
        SymptomPattern(
            // The 2024 wording names the cause before the daemon's "access denied".
            kind: .imageNotFound, name: "2024 wording: the image does not exist", families: ["image-not-found"],
            anyOf: ["check whether the image exists"],
            sources: [Source.agent("agent/api/errormessages/error_messages.go"), Source.page("task_cannot_pull_image")],
            example: "CannotPullContainerError: The task can’t pull the image. Check whether the image exists. Error response from daemon: pull access denied for 482910573318.dkr.ecr.eu-west-1.amazonaws.com/checkout-ap, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"),
        SymptomPattern(
            // Docker Hub and other registries answer "pull access denied" for a
            // missing repository: an image problem, not IAM.
            kind: .imageNotFound, name: "pull access denied by a non-ECR registry", families: ["image-not-found"],
            // The second wording is containerd's resolver (core/remotes/docker/resolver.go), which
            // Fargate and newer agents pull through: "failed to resolve ref "docker.io/...": pull access
            // denied, repository does not exist or may require authorization: server message: insufficient_scope".
            anyOf: ["pull access denied for", "pull access denied, repository does not exist or may require authorization"],
            noneOf: [".dkr.ecr.", "not authorized to perform"],
            sources: [Source.guide("task_cannot_pull_image.md"), "containerd core/remotes/docker/resolver.go (ErrInvalidAuthorization wording)"],
            example: "CannotPullContainerError: Error response from daemon: pull access denied for myorg/private-app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"),
        SymptomPattern(
            kind: .registryAuthFailed, name: "private registry authentication failed", families: ["private-registry-auth"],
            // "failed to fetch anonymous token": containerd's authorizer asked the registry's token service without credentials
            // and was refused (containerd core/remotes/docker/auth/fetch.go).
            anyOf: ["unauthorized: authentication required", "401 unauthorized", "unauthorized: incorrect username or password",
                    "failed to fetch anonymous token",
                    // Docker's older wording for a registry refusing an unauthenticated pull.
                    "authentication is required",
                    "statuscode: 401", "status code: 401", "unable to get registry auth from asm",
                    "unauthorized: access to the requested resource is not authorized"],
            noneOf: [".dkr.ecr.", "i/o timeout", "context deadline exceeded", "connection issue"],
            sources: [Source.page("private-auth"), Source.reports("private-registry-auth")],
            example: "CannotPullContainerError: Error response from daemon: Head \"https://ghcr.io/v2/acme/api/manifests/1.2\": unauthorized: authentication required"),
        SymptomPattern(
            kind: .registryAuthFailed, name: "repository credentials secret unusable",
            families: ["private-registry-auth", "pull-private-registry-credentials-missing"],
            anyOf: ["authorizationdata is malformed", "unable to unmarshal secret value, invalid schema",
                    "engine docker private registry credentials: not found", "asm fetching authorization data", "asm fetching password",
                    "asm fetching username", "docker private registry credentials"],
            truncatable: ["engine docker private registry credentials: not found"],
            sources: [Source.agent("agent/asm/asm.go"), Source.agent("agent/engine/docker_task_engine.go")],
            example: "Asm fetching password: AuthorizationData is malformed, empty field"),
        SymptomPattern(
            kind: .accessDenied, name: "AccessDenied from an AWS API",
            families: ["pull-ecr-auth-denied", "pull-ecr-image-denied", "secrets-asm-denied", "secrets-ssm-denied", "envfile-denied", "logs-denied",
                       "efs-access-denied", "exec-access-denied", "service-connect-namespace-denied", "iam-passrole-denied"],
            anyOf: ["accessdenied", "access denied", "not authorized to perform", "access to kms is not allowed",
                    "statuscode: 403", "status code: 403", "api error forbidden",
                    "check that the role has the permissions", "ciphertext refers to a customer master key"],
            sources: [Source.agent("agent/api/errormessages/error_messages.go"), Source.page("resource-initialization-error"),
                      Source.botocore("exceptions.py"), Source.page("service-connect-shared-namespaces-troubleshooting"),
                      Source.guide("security_iam_troubleshoot.md")],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): operation error ECR: GetAuthorizationToken, https response error StatusCode: 400, RequestID: 415e6826-9d7a-4ef1-8eea-8eec9105a1a8, api error AccessDeniedException: User: arn:aws:sts::193654356005:assumed-role/CruddurServiceExecutionRole/bc88e9b6acd947589d99b68067f8de59 is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action."),
        SymptomPattern(
            kind: .imageNotFound, name: "image, tag or repository not found", families: ["image-not-found"],
            // "Tag latest not found in repository docker.io/library/x": Docker's wording before distribution's manifest errors.
            anyOf: ["manifest unknown", "requested image not found", "does not exist or no pull access", "repository does not exist",
                    "name unknown", "api error (404)", "not found in repository"],
            // CannotStartContainerError comes after the pull succeeded (the agent's StartContainer,
            // agent/dockerclient/dockerapi/docker_client.go): a 404 there is not a missing image; nor is the OCI runtime's
            // failure to start the process, which Docker's old API returned as a 404 too.
            noneOf: ["cannotstartcontainererror", "starting container process", "oci runtime"],
            sources: [Source.guide("task_cannot_pull_image.md"), Source.page("task_cannot_pull_image")],
            example: "CannotPullContainerError: API error (404): repository serverless-batch not found: does not exist or no pull access"),
        SymptomPattern(
            kind: .imageNotFound, name: "Docker: manifest for the reference not found", families: ["image-not-found"],
            anyOf: ["manifest for "], alsoAnyOf: [[" not found"]],
            noneOf: ["cannotstartcontainererror"],
            sources: ["moby/moby daemon/internal/distribution/errors.go (\"manifest for %s not found\")"],
            example: "CannotPullContainerError: Error response from daemon: manifest for nginx:0f6b3cdf5e24 not found"),
        SymptomPattern(
            kind: .imageNotFound, name: "containerd: ref not found", families: ["image-not-found"],
            anyOf: [": not found"], allOf: ["failed to resolve ref"],
            sources: [Source.agent("agent/dockerclient/dockerapi/docker_client.go")],
            example: "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref <ecr-uri>:tag: <ecr-uri>:tag: not found"),
    ]

    // MARK: What the task reads at start: logs, secrets, env files, EFS; and the network to reach them.

    static let dependencies: [SymptomPattern] = [
        SymptomPattern(
            kind: .logGroupMissing, name: "log group does not exist", families: ["logs-group-missing"],
            anyOf: ["specified log group does not exist"], noneOf: ["connection issue"],
            sources: [Source.page("resource-initialization-error"), Source.reports("logs-group-missing")],
            example: "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "EFS path does not exist on the file system", families: ["efs-path-missing"],
            anyOf: ["no such file or directory"], alsoAnyOf: [efsMount],
            sources: [Source.page("resource-initialization-error"), Source.reports("efs-path-missing")],
            example: "ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: mount.nfs4: mounting fs-0a8d5c2e7b1f93d46.efs.us-east-1.amazonaws.com:/opt/splunk failed, reason given by server: No such file or directory : unsuccessful EFS utils command execution; code: 32"),
        SymptomPattern(
            // The mount helper's own words; the service is EFS (`efs` names it).
            kind: .awsServiceUnreachable, name: "EFS mount timed out or was refused", families: ["efs-mount-failed"],
            anyOf: ["timed out", "timeout", "connection reset", "connection refused", "failed to resolve", "mount system call failed",
                    "context deadline exceeded", "deadline exceeded"],
            alsoAnyOf: [efsMount], noneOf: ["access denied", "s3files"],
            sources: [Source.page("resource-initialization-error"), Source.reports("efs-mount-failed"),
                      Source.agent("ecs-init/volumes/ecs_volume_driver.go"), Source.agent("ecs-init/volumes/ecs_volume_plugin.go"),
                      Source.agent("agent/taskresource/volume/dockervolume_efs.go"),
                      "https://docs.docker.com/engine/extend/plugins_volume/ (VolumeDriver.Create, VolumeDriver.Mount)"],
            example: "ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: b'mount.nfs4: Connection timed out' : unsuccessful EFS utils command execution; code: 32"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "environment file reference not valid", families: ["envfile-invalid-reference"],
            anyOf: ["unable to parse bucket and key from s3 arn"],
            sources: [Source.agent("agent/taskresource/envFiles/envfile.go"), Source.agent("agent/s3/s3.go")],
            example: "Unable to parse bucket and key from s3 ARN specified in environmentFile arn:aws:s3:::acme-prod-config, error: invalid s3 arn: arn:aws:s3:::acme-prod-config"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "environment file does not exist", families: ["envfile-not-found"],
            anyOf: ["nosuchkey", "the specified key does not exist"], allOf: ["env file"],
            sources: [Source.agent("agent/taskresource/envFiles/envfile.go")],
            example: "Unable to download env file with key checkout/prod.env from bucket acme-prod-config, error: operation error S3: GetObject, https response error StatusCode: 404, RequestID: 2MXJ8T4R6F0B9E1C, HostID: 44bedecb2a2fd0d091cc76aacdfa7a065f7b4bf1, api error NoSuchKey: The specified key does not exist."),
        SymptomPattern(
            // A killed helper at start-up is the agent giving up on an endpoint it cannot reach.
            kind: .awsServiceUnreachable, name: "start-up helper killed waiting for an endpoint",
            families: ["pull-command-killed", "pull-command-panic", "logs-unreachable"],
            anyOf: ["failed to validate logger args: : signal: killed", "pull command failed: : signal: killed", "pull command failed: panic:"],
            sources: [Source.page("resource-initialization-error"), Source.page("task_cannot_pull_image")],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: pull command failed: : signal: killed"),
        SymptomPattern(
            // Docker's log drivers other than awslogs send to a listener of their own (a local syslog or fluentd,
            // FireLens' socket, a remote syslog server): when it does not answer, no AWS endpoint is involved.
            kind: .unrecognizedFailure, name: "a log driver could not reach its destination (syslog, fluentd, FireLens): not an AWS endpoint",
            families: ["log-driver-local-endpoint"],
            anyOf: ["logging driver", "log driver", "syslog", "fluentd", "fluent-bit", "fluentbit", "firelens", "gelf"],
            alsoAnyOf: [networkErrors],
            noneOf: documentedLinkLocalEndpoints + ["cloudwatch", "awslogs", "log stream", "log group", "amazonaws.com"],
            sources: ["moby/moby daemon startLogging (\"failed to initialize logging driver: %v\"), search-index file ids 19579506200, 45356807108",
                      Source.reports("syslog driver refused on its address: search-index file ids 7751719433, 52851423640")],
            example: "CannotStartContainerError: Error response from daemon: failed to initialize logging driver: dial tcp 127.0.0.1:24224: connect: connection refused"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "a local sidecar (Service Connect or App Mesh Envoy) did not answer on loopback: not an AWS endpoint",
            families: ["sidecar-local-endpoint"],
            anyOf: ["envoy", "appnet", "service connect", "app mesh", "appmesh", ":9901", "sidecar"],
            alsoAnyOf: [localAddresses, networkErrors], noneOf: documentedLinkLocalEndpoints,
            sources: [Source.agent("agent/engine/serviceconnect/manager_linux.go (the AppNet agent and Envoy admin inside the task)")],
            example: "Envoy health check failed: Get \"http://127.0.0.1:9901/server_info\": dial tcp 127.0.0.1:9901: connect: connection refused"),
        SymptomPattern(
            // Loopback and link-local addresses are on the host or in the task: what did not answer is local.
            kind: .unrecognizedFailure, name: "a local endpoint (loopback or link-local) did not answer: not an AWS endpoint",
            families: ["local-endpoint"],
            anyOf: networkErrors, alsoAnyOf: [localAddresses], noneOf: documentedLinkLocalEndpoints,
            sources: ["https://www.rfc-editor.org/rfc/rfc6890 (127.0.0.0/8, ::1, 169.254.0.0/16)",
                      Source.agent("agent/config/config.go (AgentIntrospectionPort 51678)")],
            example: "Get \"http://localhost:51678/v1/metadata\": dial tcp 127.0.0.1:51678: connect: connection refused"),
        SymptomPattern(
            // AWS endpoints answer HTTPS on 443 (and EFS NFS on 2049): a connection to another port, with nothing in the
            // message about a pull, a secret, logs or EFS, is the application's own dependency (a database, a cache).
            kind: .unrecognizedFailure,
            name: "a network error to an address and port no AWS endpoint uses (the application's own dependency: a database, a cache, an internal service)",
            families: ["app-dependency-unreachable"],
            anyOf: networkErrors, alsoAnyOf: [["dial tcp ", "dial udp ", "connect econnrefused ", "connect etimedout "]],
            noneOf: [":443", ":80:", ":2049", "amazonaws.com", "pull", "registry", "ecr", "secret", "ssm", "cloudwatch", "awslogs", "logs.",
                     "efs", "docker.io", "s3", "lookup "] + documentedLinkLocalEndpoints,
            sources: [Source.botocore("data/endpoints.json (partition defaults: protocols https)"),
                      Source.agent("agent/taskresource/volume/dockervolume_efs.go (NFS)")],
            example: "dial tcp 10.0.12.34:5432: connect: connection refused"),
        SymptomPattern(
            kind: .awsServiceUnreachable, name: "network timeout reaching an AWS service or registry",
            families: ["pull-ecr-auth-timeout", "pull-registry-timeout", "pull-layer-timeout", "secrets-asm-timeout", "secrets-ssm-timeout",
                       "envfile-timeout", "logs-unreachable", "logs-unreachable-or-missing", "pull-context-canceled",
                       // The agent's own log when the instance cannot reach ECS (ecs-agent/acs/session/session.go).
                       "agent-cannot-reach-ecs"],
            anyOf: ["i/o timeout", "context deadline exceeded", "request canceled", "request cancelled", "requestcanceled",
                    "client.timeout exceeded", "connection issue between the task and", "connection reset by peer",
                    "connection refused", "no such host", "network is unreachable", "tls handshake timeout",
                    "check your task network configuration", "can't pull the image. check your network configuration",
                    "context canceled", "failed to resolve \"fs-", "send request failed", "request send failed"],
            truncatable: ["i/o timeout", "context deadline exceeded", "send request failed", "connection issue between the task and"],
            sources: [Source.agent("agent/api/errormessages/error_messages.go"), Source.page("resource-initialization-error"),
                      Source.page("task_cannot_pull_image"), Source.page("service-event-messages-list"),
                      Source.agent("ecs-agent/acs/session/session.go")],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. RequestError: send request failed caused by: Post \"https://api.ecr.us-east-1.amazonaws.com/\": dial tcp 172.40.1.94:443: i/o timeout"),
        SymptomPattern(
            kind: .secretNotFound, name: "secret or parameter not found, or not the expected JSON",
            families: ["secrets-asm-not-found", "secrets-ssm-not-found", "secrets-json-key-missing", "secrets-not-json", "secrets-invalid-reference"],
            anyOf: ["can't find the specified secret", "invalid ssm parameters", "invalid parameters:", "parameternotfound",
                    "looking for beginning of value", "did not contain json key", "secret arn is correct", "resourcenotfoundexception: secrets manager",
                    "an invalid arn format for the aws secrets manager secret", "from secrets manager did not contain",
                    "retrieved secret from secrets manager",
                    // The SDK's own validation of the reference's version fields (valueFrom ...:json-key:version-stage:version-id).
                    "getsecretvalueinput.versionid", "getsecretvalueinput.versionstage"],
            truncatable: ["did not contain json key"],
            sources: [Source.agent("agent/asm/asm.go"), Source.agent("agent/ssm/ssm.go"), Source.agent("agent/taskresource/asmsecret/asmsecret.go"),
                      Source.page("resource-not-found-error"),
                      "https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets (GetSecretValueInput.VersionId field size)"],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): invalid character '\\'' looking for beginning of value"),
        SymptomPattern(
            // The agent's envelope around a secret it could not fetch, when the reason after it was cut off.
            kind: .unrecognizedFailure, name: "the agent could not fetch a secret (the reason is cut off)",
            families: ["secrets-asm-not-found", "secrets-ssm-denied"],
            anyOf: ["fetching secret data from aws secrets manager", "fetching secret data from ssm parameter store", "fetching secret data from",
                    "from aws secrets manager in region", "secret data from aws secrets manager"],
            sources: [Source.agent("agent/asm/asm.go"), Source.agent("agent/ssm/ssm.go")],
            example: "Fetching secret data from AWS Secrets Manager in region us-east-1: secret arn:aws:secretsmanager:us-east-1:482910573318:secret:prod/ledger/api-key-x9Qw2e"),
        SymptomPattern(
            // Fargate's envelope around a secret or registry auth it gave up on, cut before the reason:
            // the retries point at the network, but an AccessDenied ends the same way.
            kind: .awsServiceUnreachable, name: "secrets or registry auth retrieval retried, the reason cut off",
            families: ["secrets-asm-timeout", "secrets-ssm-timeout", "pull-ecr-auth-timeout"],
            anyOf: ["service call has been retried"],
            alsoAnyOf: [["unable to retrieve secret from asm", "unable to retrieve secrets from ssm", "unable to retrieve ecr registry auth",
                         "execution resource retrieval failed", "unable to pull secrets or registry auth"]],
            reasonCutOff: true,
            sources: [Source.page("resource-initialization-error"), Source.reports("secrets-asm-timeout, secrets-ssm-timeout (documented.jsonl)")],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): failed to fetch"),
        SymptomPattern(
            kind: .registryUnavailable, name: "registry answered 5xx", families: ["registry-unavailable"],
            anyOf: ["500 internal server error", "502 bad gateway", "503 service unavailable", "504 gateway time", "received unexpected http status: 5",
                    "unexpected status code"],
            noneOf: ["401", "403", "429"],
            sources: [Source.page("task_cannot_pull_image")],
            example: "TaskFailedToStart - CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/yaronlevi/prefect/blobs/sha256:69e5: 504 Gateway Time-out"),
    ]

    // MARK: The container itself, and the load balancer's view of it.

    static let containers: [SymptomPattern] = [
        SymptomPattern(
            kind: .containerOutOfMemory, name: "container killed for memory", families: ["container-out-of-memory"],
            anyOf: ["outofmemoryerror", "container killed due to memory usage", "oomkilled", "killed due to memory", "due to memory usage",
                    "died due to oom", "oom-killed"],
            truncatable: ["container killed due to memory usage"],
            sources: [Source.agent("agent/dockerclient/dockerapi/errors.go"), Source.page("out-of-memory"),
                      Source.agent("agent/dockerclient/dockerapi/docker_client.go (the agent's log: process within container ... died due to OOM)"),
                      "opencontainers/runc libcontainer/process_linux.go (\"container init was OOM-killed (memory limit too low?)\")"],
            example: "OutOfMemoryError: Container killed due to memory usage"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "FireLens log router could not start", families: ["firelens-setup"],
            anyOf: ["failed to start firelens container", "unable to download firelens s3 config file", "unable to generate firelens config file",
                    "invalid firelens configuration type", "container uses awsfirelens log driver", "to create firelens container"],
            sources: [Source.agent("agent/engine/docker_task_engine.go"), Source.agent("agent/taskresource/firelens/firelens_unix.go"),
                      Source.agent("agent/api/task/task.go")],
            example: "CannotStartContainerError: failed to start firelens container: Bridge IP not available to use for firelens"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "volume could not be created", families: ["volume-create-failed"],
            anyOf: ["cannotcreatevolumeerror", "could not create task's volume resources"],
            sources: [Source.page("cannot-create-volume"), Source.agent("agent/taskresource/volume/dockervolume.go (resourceProvisioningError)")],
            example: "CannotCreateVolumeError: Error response from daemon: create data: error looking up volume plugin rexray/ebs: plugin \"rexray/ebs\" not found"),
        SymptomPattern(
            // The task's control group; the agent reports a fixed text, the cause is in its own log.
            kind: .unrecognizedFailure, name: "the agent could not create the task's cgroup", families: ["cgroup-setup-failed"],
            anyOf: ["cgrouperror", "could not create task's platform resources"],
            sources: [Source.agent("agent/taskresource/cgroup/cgroup.go (resourceProvisioningError)")],
            example: "CgroupError: Agent could not create task's platform resources"),
        SymptomPattern(
            // gMSA on Windows and Linux: the credential spec named in dockerSecurityOptions.
            kind: .unrecognizedFailure, name: "gMSA credential spec could not be read", families: ["gmsa-credentialspec"],
            anyOf: ["credentialspec arn", "invalid credentialspec", "credentialspec file", "domainless gmsa user", "credentialspec resource",
                    "valid credentialspec", "credentialspec mapping", "resource credentialspec",
                    "is in an invalid format", "the provided ssm parameter:"],
            alsoAnyOf: [["credentialspec", "gmsa", "ssm parameter:"]],
            sources: [Source.agent("agent/taskresource/credentialspec/credentialspec_windows.go"),
                      Source.agent("agent/taskresource/credentialspec/credentialspec_linux.go"),
                      Source.agent("agent/engine/docker_task_engine.go (DockerClientConfigError)")],
            example: "unsupported credentialspec ARN, only s3/ssm ARNs are valid"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "FSx for Windows File Server volume could not be mounted", families: ["fsx-windows-volume"],
            anyOf: ["fsxwindowsfileserver", "only ssm/secretsmanager arns are valid"],
            sources: [Source.agent("agent/taskresource/fsxwindowsfileserver/fsxwindowsfileserver_windows.go")],
            example: "failed to verify fsxwindowsfileserver resource map on the container instance"),
        SymptomPattern(
            // EBS volumes and Managed Instances act through the infrastructure role, which trusts ecs.amazonaws.com
            // (not ecs-tasks.amazonaws.com like the task and execution roles).
            kind: .infrastructureRoleAssumeFailed, name: "ECS could not assume the infrastructure role", families: ["ebs-infrastructure-role"],
            anyOf: ["unable to assume the configured ecs infrastructure role", "ecs infrastructure role"],
            sources: [Source.page("troubleshoot-ebs-volumes-scenarios"), Source.page("troubleshooting-managed-instances")],
            example: "ECS was unable to assume the configured ECS Infrastructure Role 'arn:aws:iam::482910573318:role/ecsInfrastructureRole'. Please verify that the role being passed has the proper trust relationship with Amazon ECS"),
        SymptomPattern(
            // A GPU container on an instance whose Docker has no NVIDIA runtime (not the ECS GPU-optimized AMI).
            kind: .unrecognizedFailure, name: "GPU container without the NVIDIA container runtime", families: ["gpu-runtime-missing"],
            anyOf: ["runtime is not set for gpu containers"],
            sources: [Source.agent("agent/api/task/task.go (HostConfigError)")],
            example: "HostConfigError: Runtime is not set for GPU containers"),
        SymptomPattern(
            // Amazon EBS volumes ECS creates and attaches for the task (status reasons of the attachment).
            kind: .unrecognizedFailure, name: "ECS could not set up the task's EBS volume", families: ["ebs-volume-setup-failed"],
            anyOf: ["failed to set up the ebs volume", "set up the ebs volume", "configuring the ebs volume attachment", "ebs volume attachment",
                    "idempotentparametermismatch", "client token you have provided is associated with a resource"],
            sources: [Source.page("troubleshoot-ebs-volumes-scenarios")],
            example: "ECS timed out while configuring the EBS volume attachment to your Task"),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "container dependencies cannot be resolved", families: ["container-dependency-failed"],
            anyOf: ["taskdependencyerror", "task dependencies cannot be resolved"],
            sources: [Source.agent("agent/engine/errors.go")],
            example: "TaskDependencyError: Task dependencies cannot be resolved, taskArn: arn:aws:ecs:eu-west-1:482910573318:task/prod/8ce3e71ef8635d2bf27913bb680d7f88"),
        SymptomPattern(
            kind: .containerCommandNotFound, name: "executable not found", families: ["container-command-not-found"],
            // "Container command '...' not found or does not exist.": Docker's State.Error, which the agent reports as
            // DockerStateError (agent/dockerclient/dockerapi/errors.go).
            anyOf: ["executable file not found", "command not found", "exec: \"", "no such file or directory: unknown",
                    "not found or does not exist",
                    // The same runc message pasted from JSON, its quotes escaped.
                    #"exec: \""#],
            noneOf: ["exec format error"],
            truncatable: ["executable file not found"],
            sources: [Source.page("cannot-start-container"), Source.agent("agent/dockerclient/dockerapi/docker_client.go")],
            example: "CannotStartContainerError: API error (500): Cannot start container 54b6caa1f3d8476a7b3538827d4d5017596d696b0877925d1d28a9de735b2433: [8] System error: exec: \"node index.js -t sockets_transport -i 0\": executable file not found in $PATH"),
        SymptomPattern(
            kind: .containerHealthCheckFailed, name: "container health check failing", families: ["container-health-check-failing"],
            anyOf: ["failed container health checks"],
            truncatable: ["failed container health checks"],
            sources: [Source.reports("shared corpus container-health-check-stopped-reason")],
            example: "Task failed container health checks"),
        SymptomPattern(
            // ALB health checks send `Host: <target IP>:<port>`: an allow-list of host names answers 400.
            kind: .targetUnhealthy, name: "health checks answered 400 (Host header rejected)", families: ["health-check-host-rejected"],
            anyOf: ["codes: [400]"],
            sources: [Source.page("service-unhealthy-event-messages"), Source.elbReasons,
                      "awsdocs/elb-application-load-balancers-user-guide@01a945e0 doc_source/load-balancer-troubleshooting.md"],
            example: "(service checkout-api) (task c857b4481174282160fdc5d0e8c747d4) (port 8080) is unhealthy in (target-group arn:aws:elasticloadbalancing:eu-west-1:482910573318:targetgroup/checkout-api-tg/493f304b6f56f21b) due to (reason Health checks failed with these codes: [400])."),
        SymptomPattern(
            // An application's access log line for a health check request (the load balancer's
            // checks carry the user agent ELB-HealthChecker/2.0) answered with an error status.
            kind: .targetUnhealthy, name: "access log: health check request answered with an error", families: ["target-health-failing"],
            anyOf: ["elb-healthchecker/"],
            alsoAnyOf: [[" 400 ", " 401 ", " 403 ", " 404 ", " 405 ", " 421 ", " 500 ", " 502 ", " 503 ", " 504 ", " 301 ", " 302 "]],
            sources: ["awsdocs/elb-application-load-balancers-user-guide target-group-health-checks.md (health check requests' user agent ELB-HealthChecker/2.0)"],
            example: "10.0.1.17 - - [03/Dec/2026:10:00:00 +0000] \"GET /health HTTP/1.1\" 404 9 \"-\" \"ELB-HealthChecker/2.0\""),
        SymptomPattern(
            kind: .hostHeaderRejected, name: "application rejected the request's Host header", families: ["health-check-host-rejected"],
            anyOf: ["disallowedhost", "invalid http_host header", "to allowed_hosts", "blocked host", "hostauthorization",
                    "blocked request. this host"],
            sources: [Source.reports("Django DisallowedHost (documented.jsonl family health-check-host-rejected)"),
                      "rails/rails actionpack/lib/action_dispatch/middleware/host_authorization.rb (logger.error \"[...] Blocked hosts: ...\"; \"Blocked host: \" before 7.0)",
                      "vitejs/vite packages/vite/src/node/server/middlewares/hostCheck.ts (\"Blocked request. This host (...) is not allowed.\")"],
            example: "django.core.exceptions.DisallowedHost: Invalid HTTP_HOST header: '10.0.10.100:8000'. You may need to add '10.0.10.100' to ALLOWED_HOSTS."),
        SymptomPattern(
            kind: .targetUnhealthy, name: "ELB health checks failing",
            families: ["target-health-failing", "elb-health-check-failed", "target-timeout", "health-check-matcher", "health-check-path"],
            anyOf: ["failed elb health checks", "is unhealthy in", "health checks failed", "target.responsecodemismatch",
                    "target.timeout", "target.failedhealthchecks", "targets unhealthy", "unhealthy targets", "elb healthcheck failed",
                    "elb.internalerror", "failed at least the unhealthythreshold number of health checks", "due to (reason",
                    "with these codes:", "checks failed", "elb health checks in ("],
            truncatable: ["failed elb health checks", "health checks failed with these codes"],
            sources: [Source.page("service-unhealthy-event-messages"), Source.guide("service-event-messages.md"), Source.elbReasons],
            example: "(service corpdirectory-test-rasaos-Service-T8qsKYiLhGmT) (port 5005) is unhealthy in (target-group arn:aws:elasticloadbalancing:ap-south-1:377727317375:targetgroup/corpd-Targe-12YF9HTH1OJGJ/e938d1c7734d02a2) due to (reason Health checks failed)."),
        SymptomPattern(
            kind: .targetUnhealthy, name: "task set targets not healthy", families: ["target-not-found"],
            anyOf: ["target is not found", "is not healthy in target-group", "is not healthy in"],
            sources: [Source.page("service-event-messages-list")],
            example: "service checkout-api task set ecs-svc/1268564023042227828 (task 5ca39f4f89de0e4ca437406a8b642ede) is not healthy in target-group arn:aws:elasticloadbalancing:eu-west-1:482910573318:targetgroup/checkout-api-tg/493f304b6f56f21b) due to TARGET IS NOT FOUND."),
        SymptomPattern(
            // "(port N) is unhealthy in (target-group ...)": registrations and deregistrations name no port.
            kind: .targetUnhealthy, name: "unhealthy target event", families: ["target-health-failing"],
            anyOf: ["in (target-group"], allOf: ["(port "],
            sources: [Source.page("service-unhealthy-event-messages")],
            example: "(service checkout-api) (task 2013da04aeeb1295bc1eeede1b0f57c0) (instance i-0c1f7a9e3b25d4f81) (port 32768) was reported in (target-group arn:aws:elasticloadbalancing:eu-west-1:482910573318:targetgroup/checkout-api-tg/493f304b6f56f21b)"),
        SymptomPattern(
            kind: .runtimeUnresponsive, name: "container runtime did not answer",
            families: ["container-runtime-timeout", "container-runtime-lost", "pull-docker-timeout"],
            anyOf: ["dockertimeouterror", "cannotinspectcontainererror", "could not transition to",
                    "docker daemon is not responding", "cannotstopcontainererror", "containervanishederror", "impossiblestatetransitionerror"],
            sources: [Source.agent("agent/dockerclient/dockerapi/errors.go"), Source.agent("agent/engine/errors.go"),
                      Source.agent("agent/dockerclient/timeout.go"), Source.page("container-runtime-timeout-error")],
            example: "DockerTimeoutError: Could not transition to created; timed out after waiting 4m0s"),
        SymptomPattern(
            kind: .imagePullFailed, name: "image pull failed", families: ["image-pull-generic", "image-digest-unresolved", "pull-stalled", "pull-layer-denied"],
            // "number of layers and diffIDs don't match": containerd's unpacker on an image whose config and manifest disagree
            // (mixed zstd and gzip layers), as the agent's `ref pull` reports it.
            anyOf: ["cannotpullcontainererror", "cannotpullecrcontainererror", "pull image manifest", "failed to pull image",
                    "layers and diffids don't match",
                    "can't pull the image", "error pulling image", "cannotpullimagemanifesterror", "failed to find a repo digest matching"],
            sources: [Source.agent("agent/dockerclient/dockerapi/errors.go"), Source.agent("agent/engine/docker_task_engine.go"),
                      Source.guide("task_cannot_pull_image.md")],
            example: "CannotPullContainerError: failed to register layer: ApplyLayer exit status 1 stdout: stderr:"),
        SymptomPattern(
            kind: .containerStartFailed, name: "container failed to start", families: ["container-start-failed"],
            // "failed to get container status: <reason>": the guide's cannot-start-container page names memory as the usual cause.
            anyOf: ["cannotstartcontainererror", "oci runtime create failed", "failed to create shim", "error while mounting volume",
                    "cannotcreatecontainererror", "failed to get container status"],
            sources: [Source.page("cannot-start-container"), Source.agent("agent/dockerclient/dockerapi/errors.go (CannotCreateContainerError wraps any failed create)")],
            example: "CannotStartContainerError: Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused: process_linux.go:449: container init caused: rootfs_linux.go:58: mounting /data to rootfs caused: permission denied: unknown"),
        SymptomPattern(
            // The agent could not build the container's Docker configuration; the text after the name says what.
            kind: .unrecognizedFailure, name: "the agent could not build the container's configuration", families: ["container-config-failed"],
            anyOf: ["hostconfigerror", "dockerclientconfigerror"],
            sources: [Source.agent("ecs-agent/api/errors/errors.go (HostConfigError, DockerClientConfigError)"),
                      Source.agent("agent/api/task/task.go"), Source.agent("agent/engine/docker_task_engine.go")],
            example: "DockerClientConfigError: unable to get BridgeIP for task in bridge mode"),
        SymptomPattern(
            kind: .containerExited, name: "essential container exited", families: ["essential-container-exited"],
            anyOf: ["essential container in task exited", "essential container in task", "container in task exited"],
            truncatable: ["essential container in task exited"],
            sources: [Source.guide("stopped-task-errors.md")],
            example: "STOPPED (Essential container in task exited)"),
    ]

    // MARK: Infrastructure-as-code wrappers, when no wrapped message is inside.

    static let wrappers: [SymptomPattern] = [
        SymptomPattern(
            // A CLI waiter's failure acceptor: the task stopped, or the service is missing, draining or inactive.
            // Not a deployment that failed: the waited-for resource is gone (botocore's WaiterError names the state).
            kind: .unrecognizedFailure, name: "an ECS CLI waiter reached a failure state (task stopped, service missing or inactive)",
            families: ["cli-waiter-failed"],
            anyOf: ["waiter encountered a terminal failure state"],
            alsoAnyOf: [["waiter tasksrunning failed", "waiter servicesstable failed", "waiter servicesinactive failed", "waiter tasksstopped failed"]],
            sources: [Source.botocore("waiter.py (terminal failure state), data/ecs/2014-11-13/waiters-2.json")],
            example: "Waiter ServicesStable failed: Waiter encountered a terminal failure state: For expression \"failures[].reason\" we matched expected path: \"MISSING\" at least once"),
        SymptomPattern(
            // `aws ecs deploy` (CodeDeploy blue/green) waits on the deployment with CodeDeploy's DeploymentSuccessful waiter.
            kind: .deploymentFailed, name: "a CodeDeploy blue/green deployment failed or was stopped",
            families: ["codedeploy-deployment-failed"],
            anyOf: ["waiter deploymentsuccessful failed"],
            sources: [Source.botocore("data/codedeploy/2014-10-06/waiters-2.json (DeploymentSuccessful), waiter.py"),
                      Source.awscli("awscli/customizations/ecs/deploy.py")],
            example: "Waiter DeploymentSuccessful failed: Waiter encountered a terminal failure state: For expression \"deploymentInfo.status\" we matched expected path: \"Failed\""),
        SymptomPattern(
            kind: .unrecognizedFailure, name: "`aws ecs deploy` refused the CodeDeploy application, deployment group or service",
            families: ["codedeploy-deploy-cli"],
            anyOf: ["must support 'ecs' compute platform", "does not target ecs service", "does not target ecs cluster",
                    "failed to create deployment:", "failed to describe code deploy", "failed to describe ecs service",
                    "' not found in cluster '"],
            sources: [Source.awscli("awscli/customizations/ecs/exceptions.py, deploy.py")],
            example: "Error: deployment group 'checkout-api-dg' does not target ECS service 'checkout-api'"),
        SymptomPattern(
            // CloudFormation ("Service arn:... did not stabilize."), Terraform's AWS provider ("waiting for ECS Service (...)
            // create: timeout while waiting for state to become 'tfSTABLE'") and the CLI's ServicesStable waiter.
            kind: .deploymentFailed, name: "a deployment tool gave up waiting for the service to stabilize",
            families: ["iac-service-not-stable"],
            anyOf: ["did not stabilize", "waiting for ecs service", "state to become 'tfstable'", "waiter servicesstable failed"],
            alsoAnyOf: [["service"]],
            sources: [Source.reports("Terraform: search-index file ids 12035813973, 930259890, 54659038632"),
                      Source.botocore("data/ecs/2014-11-13/waiters-2.json (ServicesStable), exceptions.py (WaiterError)"),
                      Source.reports("CloudFormation's stabilization message as users paste it; no AWS page was read for it")],
            example: "Error: waiting for ECS Service (arn:aws:ecs:eu-west-1:482910573318:service/prod/checkout-api) create: timeout while waiting for state to become 'tfSTABLE' (last state: 'tfPENDING', timeout: 20m0s)"),
    ]

    // MARK: Routine messages.

    public static let routine: [RoutinePattern] = [
        RoutinePattern(
            name: "task stopped before its image pull began", anyOf: ["taskstoppedbeforepullbeginerror"],
            sources: [Source.agent("agent/engine/errors.go")],
            example: "TaskStoppedBeforePullBeginError: Task stopped before image pull could begin for task: arn:aws:ecs:eu-west-1:482910573318:task/prod/947768e04f0a0138febb967e99d2cd6e"),
        RoutinePattern(
            name: "target health states that describe, not fail",
            anyOf: ["target.invalidstate", "target is in an invalid state", "target.deregistrationinprogress", "elb.registrationinprogress",
                    "elb.initialhealthchecking", "target.notregistered", "target.healthcheckdisabled"],
            sources: [Source.elbReasons, Source.botocore("data/elbv2/2015-12-01/service-2.json (TargetHealthReasonEnum)")],
            example: #""State": "unused", "Reason": "Target.InvalidState", "Description": "Target is in an invalid state""#),
        RoutinePattern(
            name: "service scheduler progress", anyOf: ["has reached a steady state", "deployment completed", "has begun draining connections"],
            sources: [Source.page("service-event-messages-list"), Source.awscli("examples/ecs/describe-services.rst")],
            example: "(service checkout-api) has reached a steady state."),
    ]
}
