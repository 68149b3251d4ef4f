/// One recognisable failure wording. Patterns are tried in table order and
/// the first that matches decides the kind, so specific wordings come before
/// general ones. `example` is the real message the pattern was written from;
/// a test checks that each example is classified by its own pattern.
public struct SymptomPattern: Sendable {
    public var kind: SymptomKind
    public var name: String
    /// At least one of these (lowercased, whitespace-folded) must occur.
    public var anyOf: [String]
    /// Every one of these must occur.
    public var allOf: [String] = []
    /// None of these may occur.
    public var noneOf: [String] = []
    /// Phrases that still count when the message was cut inside them
    /// (Fargate truncates reasons), e.g. `... i/o time`.
    public var truncatable: [String] = []
    public var example: String
}

public enum SymptomPatterns {
    public static let all: [SymptomPattern] = [
        // IAM and service-level errors name their cause outright.
        SymptomPattern(
            kind: .serviceRoleFailed, name: "service-linked role missing",
            anyOf: ["unable to assume the service linked role", "unable to assume role and validate the specified targetgrouparn",
                    "iam permissions policies have been misconfigured or changed"],
            example: "Unable to assume the service linked role. Please verify that the ECS service linked role exists."),
        SymptomPattern(
            kind: .roleAssumeFailed, name: "ECS could not assume the task or execution role",
            anyOf: ["was unable to assume the role"],
            example: "service webapp-1 failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::123456789:role/null' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.)."),
        SymptomPattern(
            kind: .executionRoleMissing, name: "task definition lacks an execution role",
            anyOf: ["requires task definition to have execution role arn"],
            example: "ClientException: Fargate requires task definition to have execution role ARN to support ECR images."),
        SymptomPattern(
            // The caller's own AccessDenied on ecs:ExecuteCommand is iam-access-denied's.
            kind: .executeCommandFailed, name: "ECS Exec not enabled or its agent not running",
            anyOf: ["when calling the executecommand operation", "the execute command failed", "execute command was not enabled",
                    "execute command agent isn"],
            noneOf: ["not authorized to perform", "accessdenied"],
            example: "An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again."),
        SymptomPattern(
            // The SDKs' own wording when their default credential chain finds nothing:
            // botocore 1.43 exceptions.py NoCredentialsError ("Unable to locate credentials");
            // aws/aws-sdk-js-v3@12aa66b packages/credential-provider-node/src/defaultProvider.ts;
            // aws/aws-sdk-java-v2@07ca27c core/auth/.../AwsCredentialsProviderChain.java;
            // aws/aws-sdk-go aws/credentials/chain_provider.go (NoCredentialProviders).
            kind: .taskCredentialsMissing, name: "the application's SDK found no AWS credentials",
            anyOf: ["nocredentialserror", "unable to locate credentials", "could not load credentials from any providers",
                    "unable to load credentials from any of the providers in the chain", "nocredentialproviders"],
            example: "botocore.exceptions.NoCredentialsError: Unable to locate credentials"),
        SymptomPattern(
            kind: .targetTypeIncompatible, name: "target type incompatible with network mode",
            anyOf: ["has target type"], allOf: ["incompatible with the", "network mode"],
            example: "InvalidParameterException: The provided target group arn:aws:elasticloadbalancing:eu-central-1:816911915741:targetgroup/tools-2020020516252207480000000f/3e51ba6896be6349 has target type instance, which is incompatible with the awsvpc network mode specified in the task definition."),
        SymptomPattern(
            // ELB rejects an IP address registered as an instance id: awsvpc
            // tasks on a target group of type instance.
            kind: .targetTypeIncompatible, name: "task IP registered as an instance id",
            anyOf: ["is not valid"], allOf: ["failed to register targets", "instance id"],
            example: "(service web) failed to register targets in (target-group arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/web-tg/e0161073acdaa612) with (error Instance ID '10.0.1.57' is not valid)"),
        SymptomPattern(
            kind: .targetGroupWithoutLoadBalancer, name: "target group without a load balancer",
            anyOf: ["does not have an associated load balancer"],
            example: "InvalidParameterException: The target group with targetGroupArn arn:aws:elasticloadbalancing:us-east-1:549567774903:targetgroup/tg-fargate-example/97c07ffe67daf38f does not have an associated load balancer."),
        SymptomPattern(
            kind: .targetNotInUse, name: "target not in use",
            anyOf: ["target.notinuse"],
            example: #""Reason": "Target.NotInUse", "Description": "Target is in an Availability Zone that is not enabled for the load balancer""#),
        SymptomPattern(
            kind: .containerPortNotDefined, name: "load balancer container port not in the container's port mappings",
            anyOf: ["did not have a container port"],
            example: "InvalidParameterException: The container app did not have a container port 80 defined."),
        SymptomPattern(
            kind: .fargateNetworkModeInvalid, name: "Fargate needs the awsvpc network mode",
            anyOf: ["fargate only supports network mode"],
            example: "ClientException: Fargate only supports network mode 'awsvpc'."),
        SymptomPattern(
            kind: .taskSizeInvalid, name: "Fargate task size not defined",
            anyOf: ["fargate requires that 'cpu' be defined", "fargate requires that 'memory' be defined"],
            example: "Error: ClientException: Fargate requires that 'cpu' be defined at the task level."),
        SymptomPattern(
            kind: .taskSizeInvalid, name: "invalid task cpu or memory",
            anyOf: ["invalid 'cpu' setting for task", "invalid 'memory' setting for task", "no fargate configuration exists for given values"],
            example: "Error: ClientException: Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."),
        SymptomPattern(
            kind: .containerExceedsTaskSize, name: "container size above the task's",
            anyOf: ["is greater than for the task", "is greater than for task"], allOf: ["setting for container"],
            example: "ClientException: The 'memory' setting for container 'worker' is greater than for the task."),
        SymptomPattern(
            kind: .containerMemoryMissing, name: "container without memory or memoryReservation",
            anyOf: ["at least one of 'memory' or 'memoryreservation' must be specified"],
            example: "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Invalid setting for container 'my-container'. At least one of 'memory' or 'memoryReservation' must be specified."),
        SymptomPattern(
            kind: .noEssentialContainer, name: "no essential container",
            anyOf: ["doesn't have any essential container", "does not have any essential container", "at least one essential container"],
            example: "ClientException: Task definition doesn't have any essential container."),
        SymptomPattern(
            kind: .hostPortMismatch, name: "host port differs from container port in awsvpc",
            anyOf: ["host ports and container ports in port mappings must match"],
            example: "ClientException: When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
        SymptomPattern(
            kind: .daemonOnFargate, name: "DAEMON scheduling on Fargate",
            anyOf: ["daemon scheduling strategy does not support the fargate", "fargate tasks do not support the daemon"],
            example: "InvalidParameterException: The daemon scheduling strategy does not support the FARGATE launch type. Change the launch type and try again"),
        SymptomPattern(
            kind: .networkConfigurationMissing, name: "awsvpc without network configuration",
            anyOf: ["network configuration must be provided when networkmode 'awsvpc'"],
            example: "Network Configuration must be provided when networkMode 'awsvpc' is specified"),
        SymptomPattern(
            kind: .networkConfigurationNotValid, name: "network configuration for bridge or host",
            anyOf: ["network configuration is not valid for the given networkmode"],
            example: "InvalidParameterException: Network Configuration is not valid for the given networkMode of this task definition."),
        SymptomPattern(
            kind: .launchTypeIncompatible, name: "launch type not in the definition's compatibilities",
            anyOf: ["does not support launch_type", "does not support launch type"],
            example: "InvalidParameterException: Task definition does not support launch_type FARGATE."),
        SymptomPattern(
            kind: .targetGroupNotFound, name: "target group not found",
            anyOf: ["target group is not found", "targetgroupnotfound", "target groups not found", "target group not found"],
            example: "service (service-name) task set (taskSet-ID) (task task-id) is not healthy in target-group (targetGroup-ARN)) due to TARGET GROUP IS NOT FOUND."),
        SymptomPattern(
            kind: .serviceScaledAboveZero, name: "service deleted while scaled above 0",
            anyOf: ["cannot be stopped while it is scaled above 0"],
            example: "An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while it is scaled above 0."),
        SymptomPattern(
            kind: .taskProtectionBlocksScaleIn, name: "protected tasks block scale-in",
            anyOf: ["protected tasks are more than the desired count"],
            example: "service (service-name) was unable to reach steady state because task set (taskSet-ID) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks."),
        SymptomPattern(
            kind: .deploymentConfigurationBlocks, name: "deployment configuration leaves no room",
            anyOf: ["because of the service deployment configuration"],
            example: "(service my-service) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again."),
        SymptomPattern(
            kind: .apiThrottled, name: "API throttling",
            anyOf: ["request limit exceeded", "requestlimitexceeded", "rate exceeded", "throttlingexception", "are being throttled",
                    "error retrieving security group information"],
            example: "An error occurred (InvalidParameterException) when calling the RunTask operation: Error retrieving security group information for [sg-05937427457b61ff5]: Request limit exceeded. (ErrorCode: RequestLimitExceeded)"),
        // Placement (EC2 and Fargate).
        SymptomPattern(
            kind: .noContainerInstances, name: "no container instances / agent disconnected",
            anyOf: ["no container instances were found in your cluster", "encountered error \"agent\"", "no container instance met all of its requirements. reason: no container instances"],
            example: "service authentication_services was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster."),
        SymptomPattern(
            kind: .eniLimitReached, name: "RESOURCE:ENI",
            anyOf: ["resource:eni"],
            example: "service qa-web-app-service was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ... encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section."),
        SymptomPattern(
            kind: .insufficientResources, name: "insufficient CPU / memory / GPU",
            anyOf: ["has insufficient cpu", "has insufficient memory", "has insufficient gpu", "insufficient cpu units", "insufficient memory available",
                    "encountered error \"resource:cpu\"", "encountered error \"resource:memory\"", "encountered error \"resource:gpu\""],
            example: "service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id has insufficient CPU units available."),
        SymptomPattern(
            kind: .hostPortConflict, name: "host port already in use",
            anyOf: ["already using a port required by your task", "resource:ports"],
            example: "The closest matching container-instance is already using a port required by your task."),
        SymptomPattern(
            kind: .missingAttribute, name: "missing attribute",
            anyOf: ["missing an attribute required by your task", "encountered error \"attribute\""],
            example: "service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id is missing an attribute required by your task."),
        SymptomPattern(
            kind: .fargateCapacity, name: "Fargate quota or capacity",
            anyOf: ["reached the limit on the number of", "capacity is unavailable at this time", "you've reached the limit"],
            example: "Reason: You've reached the limit on the number of spot tasks you can run concurrently. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."),
        SymptomPattern(
            kind: .placementInternalError, name: "placement internal error (unsupported Availability Zone)",
            anyOf: ["reason: internal error"],
            example: "service (service-name) was unable to place a task. Reason: Internal error."),
        SymptomPattern(
            kind: .eniProvisioningFailed, name: "ENI provisioning timeout",
            anyOf: ["waiting for network interface provisioning", "network interface provisioning to complete"],
            example: "Timeout waiting for network interface provisioning to complete."),
        SymptomPattern(
            kind: .spotInterruption, name: "Fargate Spot interruption",
            anyOf: ["your spot task was interrupted", "spotinterruption", "spot interruption"],
            example: "Your Spot Task was interrupted."),
        SymptomPattern(
            kind: .taskRetirement, name: "task retirement / platform patching",
            anyOf: ["aws_ecs_task_patching_retirement", "task patching retirement", "scheduled for retirement", "will be retired",
                    "task retirement", "performing maintenance on the underlying infrastructure hosting the task"],
            example: "AWS Health event AWS_ECS_TASK_PATCHING_RETIREMENT: tasks on previous platform version revision will be retired starting at the scheduled time"),
        SymptomPattern(
            kind: .deploymentFailed, name: "deployment failing / circuit breaker",
            anyOf: ["deployment circuit breaker", "unable to consistently start tasks successfully", "service_deployment_failed",
                    "deployment failed: tasks failed to start", "rolling back to deployment"],
            example: "ECS deployment circuit breaker: tasks failed to start."),
        // Image pulls: specific causes before the generic one.
        SymptomPattern(
            kind: .diskFull, name: "no space left on device",
            anyOf: ["no space left on device", "thin pool", "not enough space"],
            example: "CannotPullContainerError: write /var/lib/docker/tmp/GetImageBlob102484030: no space left on device"),
        SymptomPattern(
            kind: .registryRateLimited, name: "Docker Hub rate limit",
            anyOf: ["toomanyrequests", "429 too many requests", "pull rate limit"],
            example: "Flow run could not be submitted to infrastructure: TaskFailedToStart - 429 Too Many Requests - Server message: toomanyrequests:"),
        SymptomPattern(
            kind: .imagePlatformMismatch, name: "image built for another platform",
            anyOf: ["exec format error", "no matching manifest for", "does not contain descriptor matching platform",
                    "does not match the specified platform", "image manifest does not contain descriptor"],
            example: "standard_init_linux.go:228: exec user process caused: exec format error"),
        SymptomPattern(
            // Docker Hub and other registries answer "pull access denied" for a
            // missing repository: an image problem, not IAM.
            kind: .imageNotFound, name: "pull access denied by a non-ECR registry",
            anyOf: ["pull access denied for"], noneOf: [".dkr.ecr.", "not authorized to perform"],
            example: "CannotPullContainerError: Error response from daemon: pull access denied for myorg/private-app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"),
        SymptomPattern(
            kind: .registryAuthFailed, name: "private registry authentication failed",
            anyOf: ["unauthorized: authentication required", "401 unauthorized", "unauthorized: incorrect username or password",
                    "statuscode: 401", "status code: 401", "unable to get registry auth from asm"],
            noneOf: [".dkr.ecr.", "i/o timeout", "context deadline exceeded", "connection issue"],
            example: "CannotPullContainerError: Error response from daemon: Head \"https://ghcr.io/v2/acme/api/manifests/1.2\": unauthorized: authentication required"),
        SymptomPattern(
            kind: .accessDenied, name: "AccessDenied from an AWS API",
            anyOf: ["accessdenied", "access denied", "not authorized to perform", "access to kms is not allowed",
                    "statuscode: 403", "status code: 403", "api error forbidden",
                    "check that the role has the permissions"],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): operation error ECR: GetAuthorizationToken, https response error StatusCode: 400, RequestID: 415e6826-9d7a-4ef1-8eea-8eec9105a1a8, api error AccessDeniedException: User: arn:aws:sts::193654356005:assumed-role/CruddurServiceExecutionRole/bc88e9b6acd947589d99b68067f8de59 is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action."),
        SymptomPattern(
            kind: .imageNotFound, name: "image, tag or repository not found",
            anyOf: ["manifest unknown", "requested image not found", "does not exist or no pull access", "repository does not exist",
                    "name unknown", "check whether the image exists"],
            example: "CannotPullContainerError: API error (404): repository serverless-batch not found: does not exist or no pull access"),
        SymptomPattern(
            kind: .imageNotFound, name: "containerd: ref not found",
            anyOf: [": not found"], allOf: ["failed to resolve ref"],
            example: "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref <ecr-uri>:tag: <ecr-uri>:tag: not found"),
        SymptomPattern(
            kind: .logGroupMissing, name: "log group does not exist",
            anyOf: ["specified log group does not exist"], noneOf: ["connection issue"],
            example: "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1"),
        SymptomPattern(
            kind: .awsServiceUnreachable, name: "network timeout reaching an AWS service or registry",
            anyOf: ["i/o timeout", "context deadline exceeded", "request canceled", "request cancelled", "requestcanceled",
                    "client.timeout exceeded", "connection issue between the task and", "connection reset by peer",
                    "connection refused", "no such host", "network is unreachable", "tls handshake timeout",
                    "check your task network configuration", "can't pull the image. check your network configuration",
                    "context canceled", "failed to resolve \"fs-"],
            truncatable: ["i/o timeout", "context deadline exceeded"],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. RequestError: send request failed caused by: Post \"https://api.ecr.us-east-1.amazonaws.com/\": dial tcp 172.40.1.94:443: i/o timeout"),
        SymptomPattern(
            kind: .secretNotFound, name: "secret or parameter not found, or not the expected JSON",
            anyOf: ["can't find the specified secret", "invalid ssm parameters", "invalid parameters:", "parameternotfound",
                    "looking for beginning of value", "did not contain json key", "secret arn is correct", "resourcenotfoundexception: secrets manager"],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): invalid character '\\'' looking for beginning of value"),
        SymptomPattern(
            kind: .registryUnavailable, name: "registry answered 5xx",
            anyOf: ["500 internal server error", "502 bad gateway", "503 service unavailable", "504 gateway time", "received unexpected http status: 5",
                    "unexpected status code"],
            noneOf: ["401", "403", "429"],
            example: "TaskFailedToStart - CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/yaronlevi/prefect/blobs/sha256:69e5: 504 Gateway Time-out"),
        // The container itself.
        SymptomPattern(
            kind: .containerOutOfMemory, name: "container killed for memory",
            anyOf: ["outofmemoryerror", "container killed due to memory usage", "oomkilled"],
            example: "OutOfMemoryError: Container killed due to memory usage"),
        SymptomPattern(
            kind: .containerCommandNotFound, name: "executable not found",
            anyOf: ["executable file not found", "command not found", "exec: \"", "no such file or directory: unknown"],
            noneOf: ["exec format error"],
            truncatable: ["executable file not found"],
            example: "CannotStartContainerError: API error (500): Cannot start container 54b6caa1f3d8476a7b3538827d4d5017596d696b0877925d1d28a9de735b2433: [8] System error: exec: \"node index.js -t sockets_transport -i 0\": executable file not found in $PATH"),
        SymptomPattern(
            kind: .containerHealthCheckFailed, name: "container health check failing",
            anyOf: ["failed container health checks"],
            example: "Task failed container health checks"),
        SymptomPattern(
            kind: .targetUnhealthy, name: "ELB health checks failing",
            anyOf: ["failed elb health checks", "is unhealthy in", "health checks failed", "target.responsecodemismatch",
                    "target.timeout", "target.failedhealthchecks", "targets unhealthy", "unhealthy targets", "elb healthcheck failed"],
            example: "(service corpdirectory-test-rasaos-Service-T8qsKYiLhGmT) (port 5005) is unhealthy in (target-group arn:aws:elasticloadbalancing:ap-south-1:377727317375:targetgroup/corpd-Targe-12YF9HTH1OJGJ/e938d1c7734d02a2) due to (reason Health checks failed)."),
        SymptomPattern(
            kind: .runtimeUnresponsive, name: "container runtime did not answer",
            anyOf: ["dockertimeouterror", "cannotinspectcontainererror", "could not transition to", "cannotcreatecontainererror",
                    "docker daemon is not responding", "cannotstopcontainererror"],
            example: "DockerTimeoutError: Could not transition to created; timed out after waiting 4m0s"),
        SymptomPattern(
            kind: .imagePullFailed, name: "image pull failed",
            anyOf: ["cannotpullcontainererror", "cannotpullecrcontainererror", "pull image manifest", "failed to pull image",
                    "can't pull the image", "error pulling image"],
            example: "CannotPullContainerError: failed to register layer: ApplyLayer exit status 1 stdout: stderr:"),
        SymptomPattern(
            kind: .containerStartFailed, name: "container failed to start",
            anyOf: ["cannotstartcontainererror", "oci runtime create failed", "failed to create shim", "error while mounting volume"],
            example: "CannotStartContainerError: Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused: process_linux.go:449: container init caused: rootfs_linux.go:58: mounting /data to rootfs caused: permission denied: unknown"),
        SymptomPattern(
            kind: .containerExited, name: "essential container exited",
            anyOf: ["essential container in task exited"],
            example: "STOPPED (Essential container in task exited)"),
    ]
}
