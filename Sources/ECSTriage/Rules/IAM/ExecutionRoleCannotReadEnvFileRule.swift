/// The execution role may not download an environment file from S3.
struct ExecutionRoleCannotReadEnvFileRule: Rule {
    static let envFile = #", "environmentFiles": [{"value": "arn:aws:s3:::acme-config/web/app.env", "type": "s3"}]"#
    static func s3Policy(_ resources: String) -> [(name: String, statements: String)] {
        [(name: "env-files", statements: #"[{"Sid": "EnvFiles", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetBucketLocation"], "Resource": \#(resources)}]"#)]
    }

    static let description = RuleDescription(
        id: "execution-role-cannot-read-env-file", title: "Execution role cannot read the task's environment file",
        category: .iam, severity: .critical, explains: [.accessDenied], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("env file download denied", "ResourceInitializationError: failed to download env files: file download command: non-empty error stream: failed to download file 1.env: failed to write to a temporary file: AccessDenied: Access Denied",
                      resources: [""], confidence: .likely),
            .triggers("bucket written with a trailing slash", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: envFile)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: s3Policy(#"["arn:aws:s3:::acme-config/", "arn:aws:s3:::acme-config/web/*"]"#)))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .triggers("no S3 permission at all", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: envFile)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .likely),
            .quiet("object and bucket both allowed", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: envFile)),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: s3Policy(#"["arn:aws:s3:::acme-config", "arn:aws:s3:::acme-config/web/*"]"#))))),
            .quiet("the application's own S3 denial is not the env file's", "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied"),
            .quiet("env file timeout is not a permission problem", "ResourceInitializationError: failed to download env files: file download command: non empty error stream: RequestCanceled: request context canceled caused by: context deadline exceeded"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        ExecutionRolePermissionCheck(
            textPath: AccessDeniedCheck(description: Self.description, services: ["s3"],
                                        neededActions: ["s3:GetObject", "s3:GetBucketLocation"],
                                        what: "download environment files", phrase: "env file"),
            needs: { definition, _, _ in PermissionNeeds.environmentFiles(definition) },
            hint: Self.trailingSlashHint).evaluate(context)
    }
}

// MARK: Messages and fixes

extension ExecutionRoleCannotReadEnvFileRule {
    /// A bucket written `arn:aws:s3:::bucket/` names its objects: it grants s3:GetBucketLocation nothing.
    static func trailingSlashHint(_ need: PermissionNeed, _ policies: RolePolicies) -> Evidence? {
        guard need.request.action == "s3:GetBucketLocation" else { return nil }
        var objects = need.request
        objects.resource = .exact(need.request.resource.text + "/")
        let decision = PolicyEvaluator.evaluate(policies, objects)
        guard decision.outcome == .allowed else { return nil }
        let allowed = decision.explanation.replacingOccurrences(of: " on \(objects.resource.text)", with: "")
        return Evidence(decision.location ?? need.location,
                        "\(allowed) only on \(objects.resource.text): a resource written with a trailing / names the bucket's objects, not the bucket; "
                        + "s3:GetBucketLocation needs \(need.request.resource.text)")
    }
}
