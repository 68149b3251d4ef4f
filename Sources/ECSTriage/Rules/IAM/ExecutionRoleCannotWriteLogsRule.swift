/// The execution role may not create the awslogs stream (or group).
struct ExecutionRoleCannotWriteLogsRule: Rule {
    static let ecrOnly = [(name: "ecr", statements: #"[{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "*"}]"#)]

    static let description = RuleDescription(
        id: "execution-role-cannot-write-logs", title: "Execution role cannot write to CloudWatch Logs",
        category: .iam, severity: .critical, explains: [.accessDenied], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("CreateLogStream denied", "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:web/web/abc",
                      resources: ["ecsTaskExecutionRole"], confidence: .likely),
            .triggers("execution role with an ECR policy only", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", managed: [], inline: ecrOnly))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .triggers("awslogs-create-group without logs:CreateLogGroup", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(awslogsCreateGroup: true)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .triggers("a policy on the bare log group ARN does not cover its streams", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", managed: [], inline: ecrOnly + [(name: "logs", statements: #"[{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web"}]"#)]))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .quiet("log group scoped with :*", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", managed: [], inline: ecrOnly + [(name: "logs", statements: #"[{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*"}]"#)])))),
            .quiet("AmazonECSTaskExecutionRolePolicy attached by ARN", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole")))),
            .quiet("log group missing is not a permission problem", "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        ExecutionRolePermissionCheck(
            textPath: AccessDeniedCheck(description: Self.description, services: ["logs"],
                                        neededActions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                                        what: "send container logs to CloudWatch"),
            needs: { definition, place, context in
                context.index.definitionUse(definition).runsOnFargate == true ? PermissionNeeds.logs(definition, place: place) : []
            }).evaluate(context)
    }
}
