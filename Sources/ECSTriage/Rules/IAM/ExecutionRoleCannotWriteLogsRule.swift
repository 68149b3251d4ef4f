/// The execution role may not create the awslogs stream (or group).
struct ExecutionRoleCannotWriteLogsRule: Rule {
    static let description = RuleDescription(
        id: "execution-role-cannot-write-logs", title: "Execution role cannot write to CloudWatch Logs",
        category: .iam, severity: .critical, explains: [.accessDenied], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("CreateLogStream denied", "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:web/web/abc",
                      resources: ["role/ecsTaskExecutionRole"], confidence: .likely),
            .quiet("log group missing is not a permission problem", "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        AccessDeniedCheck(description: Self.description, services: ["logs"],
                          neededActions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                          what: "send container logs to CloudWatch").evaluate(context)
    }
}
