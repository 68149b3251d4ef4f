/// The task role does not exist or does not trust `ecs-tasks.amazonaws.com`.
struct TaskRoleTrustRule: Rule {
    static let description = RuleDescription(
        id: "task-role-trust", title: "Task role missing or not assumable by ECS tasks",
        category: .iam, severity: .critical, explains: [.roleAssumeFailed], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("task role trusts ecs.amazonaws.com", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "appRole")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("appRole", trustedService: "ecs.amazonaws.com"))),
                resources: [Fixture.roleArn("appRole")], confidence: .likely),
            .triggers("task role absent from a complete listing of the account's roles", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "appRole")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"))),
                resources: [Fixture.roleArn("appRole")], confidence: .likely),
            .quiet("task role absent from a complete listing, but ECS was seen assuming it", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "appRole")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole")),
                Fixture.array("tasks", Fixture.stoppedTask("4f1c", reason: "botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the PutItem operation: User: arn:aws:sts::111122223333:assumed-role/appRole/4f1c is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders")))),
            .quiet("task role absent from a listing filtered by --query", "[" + Fixture.role("ecsTaskExecutionRole") + ", {"
                   + Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "appRole")) + "}]"),
            .quiet("task role trusts ecs-tasks", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "appRole")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("appRole")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        RoleTrustCheck(kind: .task, description: Self.description).evaluate(context)
    }
}
