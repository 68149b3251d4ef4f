/// A private registry outside ECR refused the pull for lack of credentials.
/// ECS pulls from such a registry with the secret named in the container's
/// `repositoryCredentials.credentialsParameter`, read by the execution role
/// (RepositoryCredentials in botocore's ECS model, data/ecs/2014-11-13/service-2.json).
struct PrivateRegistryAuthRule: Rule {
    static let description = RuleDescription(
        id: "private-registry-auth", title: "Private registry rejected the pull (authentication)", category: .image,
        severity: .critical, explains: [.registryAuthFailed], needs: [.taskDefinitions],
        examples: [
            .triggers("ghcr unauthorized", #"CannotPullContainerError: Error response from daemon: Head "https://ghcr.io/v2/acme/api/manifests/1.2": unauthorized: authentication required"#,
                      resources: ["ghcr.io"], confidence: .likely),
            .triggers("a service whose container has no repositoryCredentials", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("0f3c9d", reason: #"CannotPullContainerError: Error response from daemon: Head \"https://ghcr.io/v2/acme/api/manifests/1.2\": unauthorized: authentication required"#)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "ghcr.io/acme/api:1.2"))),
                resources: ["ghcr.io"], confidence: .confirmed),
            .quiet("ECR access denied is another rule's", "CannotPullContainerError: AccessDeniedException: User: arn:aws:sts::1:assumed-role/exec/x is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:1:repository/web"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let container = workload?.container(named: symptom.facts.containerName)
            let host = symptom.facts.host.map { MessageClassifier.service(ofHost: $0) ?? $0 } ?? container?.image.map { ImageReference($0).registryHost }
            var evidence: [Evidence] = []
            if let container, container.repositoryCredentialsParameter == nil {
                evidence.append(Evidence(container.location, "container \(container.name) has no repositoryCredentials for \(host ?? "its registry")"))
            }
            return NamedCauseDetail(
                title: "\(host ?? "The registry") refused the pull: the task presented no valid credentials",
                resources: (host.map { [.host($0)] } ?? []) + symptom.resourceList, confirmingEvidence: evidence,
                fix: Self.fix(host: host ?? "registry", container: container, workload: workload, context))
        }
    }
}

// MARK: Messages and fixes

extension PrivateRegistryAuthRule {
    static let steps = [
        "Store the registry's credentials in Secrets Manager as {\"username\": \"...\", \"password\": \"<token>\"} (a token with read access "
            + "to the repository).",
        "Set containerDefinitions[].repositoryCredentials.credentialsParameter to the secret's ARN.",
        "Allow the execution role secretsmanager:GetSecretValue on it (and kms:Decrypt for a customer managed key).",
        "If credentials are already set, check that the token has not expired: store a new one.",
    ]

    static let credentialsJSON = #"'{"username":"<user>","password":"<token>"}'"#

    static func fix(host: String, container: ContainerDefinition?, workload: Workload?, _ context: AnalysisContext) -> Fix {
        let summary = "Store the registry credentials in Secrets Manager and reference them in repositoryCredentials"
        // Credentials set but refused: a new token in the same secret.
        if let existing = container?.repositoryCredentialsParameter {
            return Fix(summary: "Store a valid token in the secret the container names, then start a new deployment",
                       steps: steps,
                       commands: ["aws secretsmanager put-secret-value \(ShellWord.option("--secret-id", existing)) --secret-string \(credentialsJSON)"]
                           + (workload?.redeployCommand.map { [$0] } ?? []))
        }
        let name = "registry/\(host)"
        let create = "secret=$(aws secretsmanager create-secret \(ShellWord.option("--name", name)) --secret-string \(credentialsJSON) "
            + "--query ARN --output text)"
        guard let container, let definition = workload?.taskDefinition else {
            return Fix(summary: summary, steps: steps, commands: [create])
        }
        let change = TaskDefinitionChange(context.index.definitionUse(definition),
                                          [.containerFromVariable(container.name, "repositoryCredentials.credentialsParameter", variable: "secret")])
        let grant = definition.executionRoleArn.flatMap { role in grantRead(role: ARN.roleName(role), name: name, context: context, workload: workload) }
        return Fix(summary: summary, steps: steps,
                   commands: [create] + (grant.map { [$0.command] } ?? []) + change.commands, terraform: grant?.terraform)
    }

    /// GetSecretValue on the new secret (its ARN ends with a random suffix: `name-*`).
    static func grantRead(role: String, name: String, context: AnalysisContext, workload: Workload?) -> RolePolicyGrant? {
        guard let account = context.index.accountId ?? workload.flatMap({ ARN.account($0.primaryResource) }),
              let region = context.index.region else { return nil }
        return RolePolicyGrant(roleName: role, policyName: "ecs-triage-private-registry-auth",
                               statements: [.init(actions: ["secretsmanager:GetSecretValue"],
                                                  resource: "arn:aws:secretsmanager:\(region):\(account):secret:\(name)-*")])
    }
}
