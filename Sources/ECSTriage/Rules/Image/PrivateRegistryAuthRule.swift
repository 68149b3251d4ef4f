/// A private registry outside ECR refused the pull for lack of credentials.
struct PrivateRegistryAuthRule: Rule {
    static let description = RuleDescription(
        id: "private-registry-auth", title: "Private registry rejected the pull (authentication)", category: .image,
        severity: .critical, explains: [.registryAuthFailed], needs: [.taskDefinitions],
        examples: [
            .triggers("ghcr unauthorized", #"CannotPullContainerError: Error response from daemon: Head "https://ghcr.io/v2/acme/api/manifests/1.2": unauthorized: authentication required"#,
                      resources: ["ghcr.io"], confidence: .likely),
            .quiet("ECR access denied is another rule's", "CannotPullContainerError: AccessDeniedException: User: arn:aws:sts::1:assumed-role/exec/x is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:1:repository/web"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let container = workload?.container(named: symptom.facts.containerName)
            let host = symptom.facts.host.map { MessageClassifier.service(ofHost: $0) ?? $0 } ?? container?.image.map { ImageReference($0).registryHost } ?? "registry"
            var evidence: [Evidence] = []
            if let container, container.repositoryCredentialsParameter == nil {
                evidence.append(Evidence(container.location, "container \(container.name) has no repositoryCredentials for \(host)"))
            }
            return NamedCauseDetail(
                title: "\(host) refused the pull: the task presented no valid credentials",
                resources: [.host(host)] + symptom.resourceList, confirmingEvidence: evidence,
                fix: Fix(summary: "Store the registry credentials in Secrets Manager and reference them in repositoryCredentials",
                         steps: ["Create a secret with {\"username\": \"...\", \"password\": \"<token>\"} (a token with read access to the repository).",
                                 "Set containerDefinitions[].repositoryCredentials.credentialsParameter to the secret's ARN.",
                                 "Allow the execution role secretsmanager:GetSecretValue on it (and kms:Decrypt for a customer managed key).",
                                 "If credentials are already set, check that the token has not expired."],
                         commands: ["aws secretsmanager create-secret --name registry/\(host) --secret-string '{\"username\":\"<user>\",\"password\":\"<token>\"}'"],
                         terraform: "container_definitions = jsonencode([{\n  repositoryCredentials = { credentialsParameter = aws_secretsmanager_secret.registry.arn }\n}])"))
        }
    }
}
