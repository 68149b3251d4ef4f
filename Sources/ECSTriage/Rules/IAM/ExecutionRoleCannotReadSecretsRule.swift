/// The execution role may not read a referenced secret or decrypt it.
struct ExecutionRoleCannotReadSecretsRule: Rule {
    static let description = RuleDescription(
        id: "execution-role-cannot-read-secrets", title: "Execution role cannot read the task's secrets",
        category: .iam, severity: .critical, explains: [.accessDenied], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("ssm:GetParameters denied on EC2", "Fetching secret data from SSM Parameter Store in us-east-1: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/9e05ad12 is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:111122223333:parameter/prod/db-password status code: 400, request id: 787934d9",
                      resources: ["role/ecsTaskExecutionRole"], confidence: .likely),
            .triggers("KMS key of the secret not allowed", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-central-1:111122223333:secret:app-EaPYTy from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: a87a66d9",
                      resources: ["execution role"], confidence: .likely),
            .quiet("secrets network timeout is not a permission problem", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        AccessDeniedCheck(description: Self.description, services: ["secretsmanager", "ssm", "kms"],
                          neededActions: ["secretsmanager:GetSecretValue", "ssm:GetParameters", "kms:Decrypt"],
                          what: "read the task's secrets").evaluate(context)
    }
}
