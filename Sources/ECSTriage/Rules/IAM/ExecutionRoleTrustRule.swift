/// The execution role does not exist or does not trust `ecs-tasks.amazonaws.com`.
struct ExecutionRoleTrustRule: Rule {
    static let description = RuleDescription(
        id: "execution-role-trust", title: "Execution role missing or not assumable by ECS tasks",
        category: .iam, severity: .critical, explains: [.roleAssumeFailed], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("execution role trusts EC2", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", trustedService: "ec2.amazonaws.com"))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .triggers("assume-role failure named in text", "service webapp-1 failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::123456789:role/null' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.).",
                      resources: ["arn:aws:iam::123456789:role/null"], confidence: .likely),
            .triggers("execution role absent from a complete listing of the account's roles", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(executionRole: "web-execution")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"))),
                resources: [Fixture.roleArn("web-execution")], confidence: .likely),
            .triggers("get-role answered NoSuchEntity during collect", Fixture.snapshot(
                #""snapshotVersion": 1"#, Fixture.array("taskDefinitions", Fixture.taskDefinition(executionRole: "web-execution")),
                Fixture.array("RoleDetailList", Fixture.role("app-task-role")),
                Fixture.array("collectErrors", #"{"operation": "iam get-role", "arguments": ["--role-name=web-execution"], "error": "An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name web-execution cannot be found.", "lacks": ["RoleDetailList"]}"#)),
                resources: [Fixture.roleArn("web-execution")], confidence: .likely),
            .quiet("execution role absent from a listing filtered by --query", "[" + Fixture.role("ecsTaskExecutionRole") + ", {"
                   + Fixture.array("taskDefinitions", Fixture.taskDefinition(executionRole: "web-execution")) + "}]"),
            .quiet("execution role absent from a listing cut by --max-items", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(executionRole: "web-execution")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole")), #""IsTruncated": true, "NextToken": "eyJNYXJrZXIiOiBudWxsfQ==""#)),
            .quiet("execution role absent from a collected snapshot, get-role denied", Fixture.snapshot(
                #""snapshotVersion": 1"#, Fixture.array("taskDefinitions", Fixture.taskDefinition(executionRole: "web-execution")),
                Fixture.array("RoleDetailList", Fixture.role("app-task-role")),
                Fixture.array("collectErrors", #"{"operation": "iam get-role", "arguments": ["--role-name=web-execution"], "error": "An error occurred (AccessDenied) when calling the GetRole operation: User: arn:aws:iam::111122223333:user/ops is not authorized to perform: iam:GetRole", "lacks": ["RoleDetailList"]}"#))),
            .quiet("execution role trusts ecs-tasks", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole")))),
            .quiet("trust with a matching SourceAccount condition", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                #""Role": {"RoleName": "ecsTaskExecutionRole", "Arn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole", "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%5B%22ecs-tasks.amazonaws.com%22%5D%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22aws%3ASourceAccount%22%3A%22111122223333%22%7D%7D%7D%5D%7D"}"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        RoleTrustCheck(kind: .execution, description: Self.description).evaluate(context)
    }
}
