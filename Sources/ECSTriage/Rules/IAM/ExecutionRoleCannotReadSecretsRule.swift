/// The execution role may not read a referenced secret or decrypt it.
struct ExecutionRoleCannotReadSecretsRule: Rule {
    static let secretArn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf"
    static let readsSecret = #", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "\#(secretArn):password:AWSCURRENT:"}]"#
    static let appSecrets = [(name: "secrets", statements: #"[{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*"}]"#)]
    static let customerKey = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let secretList = Fixture.array("SecretList", #"{"ARN": "\#(secretArn)", "Name": "app/db", "KmsKeyId": "\#(customerKey)"}"#)

    static let description = RuleDescription(
        id: "execution-role-cannot-read-secrets", title: "Execution role cannot read the task's secrets",
        category: .iam, severity: .critical, explains: [.accessDenied], needs: [.taskDefinitions, .roles, .secrets],
        examples: [
            .triggers("ssm:GetParameters denied on EC2", "Fetching secret data from SSM Parameter Store in us-east-1: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/9e05ad12 is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:111122223333:parameter/prod/db-password status code: 400, request id: 787934d9",
                      resources: ["ecsTaskExecutionRole"], confidence: .likely),
            .triggers("KMS key of the secret not allowed", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-central-1:111122223333:secret:app-EaPYTy from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: a87a66d9",
                      resources: [""], confidence: .likely),
            .triggers("secret outside the allowed prefix", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "secrets": [{"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:billing/api-key-Zx81Qa"}]"#)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: appSecrets))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .triggers("SSM parameter by name, no ssm permission", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db-password"}]"#)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .triggers("customer managed key without kms:Decrypt", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: readsSecret)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: appSecrets)), secretList),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .quiet("managed policy by ARN plus an inline policy on app/*", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: readsSecret)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: appSecrets)))),
            .quiet("customer managed key allowed through Secrets Manager in this region", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: readsSecret)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: appSecrets + [(name: "kms", statements: #"[{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "\#(customerKey)", "Condition": {"StringEquals": {"kms:ViaService": "secretsmanager.us-east-1.amazonaws.com"}}}]"#)])),
                secretList)),
            .quiet("secrets network timeout is not a permission problem", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        ExecutionRolePermissionCheck(
            textPath: AccessDeniedCheck(description: Self.description, services: ["secretsmanager", "ssm", "kms"],
                                        neededActions: ["secretsmanager:GetSecretValue", "ssm:GetParameters", "kms:Decrypt"],
                                        what: "read the task's secrets"),
            needs: { definition, place, context in PermissionNeeds.secrets(definition, place: place, index: context.index) }).evaluate(context)
    }
}
