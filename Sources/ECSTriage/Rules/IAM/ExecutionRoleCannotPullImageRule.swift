/// The execution role may not fetch ECR credentials or the image.
struct ExecutionRoleCannotPullImageRule: Rule {
    static let description = RuleDescription(
        id: "execution-role-cannot-pull-image", title: "Execution role cannot pull the image from ECR",
        category: .iam, severity: .critical, explains: [.accessDenied], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("GetAuthorizationToken denied", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): operation error ECR: GetAuthorizationToken, https response error StatusCode: 400, RequestID: 415e6826-9d7a-4ef1-8eea-8eec9105a1a8, api error AccessDeniedException: User: arn:aws:sts::193654356005:assumed-role/CruddurServiceExecutionRole/bc88e9b6acd947589d99b68067f8de59 is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action.",
                      resources: ["role/CruddurServiceExecutionRole"], confidence: .likely),
            .quiet("logs denial is another rule's", "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:web/web/abc"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        AccessDeniedCheck(description: Self.description, services: ["ecr.api", "ecr.dkr"],
                          neededActions: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                          what: "pull images").evaluate(context)
    }
}
