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
            // Docker Hub and other registries answer "pull access denied" for a
            // missing repository: an image problem, not IAM.
            kind: .imagePullFailed, name: "pull access denied by a non-ECR registry",
            anyOf: ["pull access denied for"], noneOf: [".dkr.ecr.", "not authorized to perform"],
            example: "CannotPullContainerError: Error response from daemon: pull access denied for myorg/private-app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"),
        SymptomPattern(
            kind: .accessDenied, name: "AccessDenied from an AWS API",
            anyOf: ["accessdenied", "access denied", "not authorized to perform", "access to kms is not allowed",
                    "statuscode: 403", "status code: 403", "api error forbidden",
                    "check that the role has the permissions"],
            example: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): operation error ECR: GetAuthorizationToken, https response error StatusCode: 400, RequestID: 415e6826-9d7a-4ef1-8eea-8eec9105a1a8, api error AccessDeniedException: User: arn:aws:sts::193654356005:assumed-role/CruddurServiceExecutionRole/bc88e9b6acd947589d99b68067f8de59 is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action."),
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
            kind: .targetUnhealthy, name: "ELB health checks failing",
            anyOf: ["failed elb health checks", "is unhealthy in", "health checks failed", "target.responsecodemismatch",
                    "target.timeout", "target.failedhealthchecks", "targets unhealthy", "unhealthy targets", "elb healthcheck failed"],
            example: "(service corpdirectory-test-rasaos-Service-T8qsKYiLhGmT) (port 5005) is unhealthy in (target-group arn:aws:elasticloadbalancing:ap-south-1:377727317375:targetgroup/corpd-Targe-12YF9HTH1OJGJ/e938d1c7734d02a2) due to (reason Health checks failed)."),
        SymptomPattern(
            kind: .imagePullFailed, name: "image pull failed",
            anyOf: ["cannotpullcontainererror", "cannotpullecrcontainererror", "pull image manifest", "failed to pull image",
                    "can't pull the image", "error pulling image"],
            example: "CannotPullContainerError: failed to register layer: ApplyLayer exit status 1 stdout: stderr:"),
    ]
}
