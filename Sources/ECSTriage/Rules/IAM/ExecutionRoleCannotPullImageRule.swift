/// The execution role may not fetch ECR credentials or the image.
struct ExecutionRoleCannotPullImageRule: Rule {
    static let logsOnly = [(name: "logs", statements: #"[{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]"#)]

    static let description = RuleDescription(
        id: "execution-role-cannot-pull-image", title: "Execution role cannot pull the image from ECR",
        category: .iam, severity: .critical, explains: [.accessDenied], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("GetAuthorizationToken denied", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): operation error ECR: GetAuthorizationToken, https response error StatusCode: 400, RequestID: 415e6826-9d7a-4ef1-8eea-8eec9105a1a8, api error AccessDeniedException: User: arn:aws:sts::193654356005:assumed-role/CruddurServiceExecutionRole/bc88e9b6acd947589d99b68067f8de59 is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action.",
                      resources: ["CruddurServiceExecutionRole"], confidence: .likely),
            .triggers("execution role with a logs policy only", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", managed: [], inline: logsOnly))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .triggers("the same, with the denial observed", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("0f3c", reason: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): operation error ECR: GetAuthorizationToken, https response error StatusCode: 400, api error AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/0f3c is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action.")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", managed: [], inline: logsOnly))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .confirmed),
            .triggers("repository-scoped policy for another repository", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", managed: [], inline: [(name: "ecr", statements: #"[{"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}, {"Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "arn:aws:ecr:us-east-1:111122223333:repository/api"}, {"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]"#)]))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .triggers("cross-account image denied although the role allows it: the repository policy", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("0f3c", reason: "CannotPullContainerError: The task can’t pull the image. Check that the role has the permissions to pull images from the registry. Error response from daemon: pull access denied for 999988887777.dkr.ecr.us-east-1.amazonaws.com/shared/base, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/0f3c is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:999988887777:repository/shared/base")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "999988887777.dkr.ecr.us-east-1.amazonaws.com/shared/base:3")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .quiet("AmazonECSTaskExecutionRolePolicy attached by ARN", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole")))),
            .quiet("a role known from get-role only is never found lacking", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                #""Role": {"RoleName": "ecsTaskExecutionRole", "Arn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole", "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}"#)),
            .quiet("an AWS managed policy ecs-triage has no copy of is undetermined, not denied", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", managed: ["arn:aws:iam::aws:policy/AmazonECS_FullAccess"])))),
            .quiet("logs denial is another rule's", "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:web/web/abc"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        ExecutionRolePermissionCheck(
            textPath: AccessDeniedCheck(description: Self.description, services: ["ecr.api", "ecr.dkr"],
                                        neededActions: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                                        what: "pull images"),
            needs: { definition, place, context in
                // On EC2 the container instance role pulls when there is no execution role; with one, ECS does not say which.
                context.index.definitionUse(definition).runsOnFargate == true ? PermissionNeeds.imagePull(definition, place: place) : []
            }).evaluate(context)
    }
}
