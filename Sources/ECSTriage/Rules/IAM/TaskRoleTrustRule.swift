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
            .quiet("task role trusts ecs-tasks", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "appRole")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("appRole")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        RoleTrustCheck(kind: .task, description: Self.description).evaluate(context)
    }
}
