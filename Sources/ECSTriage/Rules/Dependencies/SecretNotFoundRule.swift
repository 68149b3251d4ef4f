/// A `secrets` or `repositoryCredentials` reference points at nothing, or at
/// a secret that is not the JSON the reference expects.
struct SecretNotFoundRule: Rule {
    static let description = RuleDescription(
        id: "secret-not-found", title: "Referenced secret or parameter not found", category: .dependencies,
        severity: .critical, explains: [.secretNotFound], needs: [.taskDefinitions, .secrets, .parameters],
        examples: [
            .triggers("SSM parameter missing (Fargate)", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: /wishkit/parsing-engine/gemini-api-key",
                      resources: ["/wishkit/parsing-engine/gemini-api-key"], confidence: .likely),
            .triggers("parameter listed as invalid by get-parameters", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db-password"}]"#)),
                #""Parameters": [], "InvalidParameters": ["/prod/db-password"]"#),
                resources: ["/prod/db-password"], confidence: .likely),
            .quiet("parameter exists", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db-password"}]"#)),
                #""Parameters": [{"Name": "/prod/db-password", "Type": "SecureString"}], "InvalidParameters": []"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
                for workload in context.index.workloads {
            for container in workload.taskDefinition?.containerDefinitions ?? [] {
                for secret in container.secrets {
                    let name = Self.parameterName(secret.valueFrom)
                    let missingParameter = name.map(context.index.isInvalidParameter) ?? false
                    let missingSecret = context.index.has(.secrets)
                        && ResourceARNs.secretArn(secret.valueFrom).map { context.index.secret($0) == nil } ?? false
                    guard missingParameter || missingSecret else { continue }
                    let symptoms = context.symptoms(of: [.secretNotFound], on: workload)
                    claimed.formUnion(symptoms.map(\.id))
                    findings.append(Self.description.finding(
                        title: "Secret \(secret.name) of container \(container.name) points at \(secret.valueFrom), which does not exist",
                        explains: symptoms,
                        resources: [.secretReference(name ?? secret.valueFrom), workload.resource],
                        evidence: symptoms.map(\.evidence) + [Evidence(secret.location + "/valueFrom", "valueFrom is \(secret.valueFrom)"),
                                                              Evidence("", missingParameter ? "get-parameters lists it under InvalidParameters" : "it is not among the snapshot's Secrets Manager secrets")],
                        fix: Self.fix(secret.valueFrom, context)))
                }
            }
        }
        for symptom in context.symptoms(of: [.secretNotFound]) where !claimed.contains(symptom.id) {
            let reference = MessageClassifier.token(after: "invalid ssm parameters: ", in: symptom.message)
                ?? MessageClassifier.token(after: "invalid parameters: ", in: symptom.message)
                ?? MessageClassifier.token(after: "secret ", in: symptom.message).flatMap { $0.hasPrefix("arn:") ? MessageClassifier.trimPunctuation($0) : nil }
            let notJSON = symptom.message.contains("looking for beginning of value") || symptom.message.contains("json key")
            findings.append(Self.description.finding(
                title: notJSON ? "A secret is not the JSON its reference expects (a json-key reference on a plain-text or malformed secret)"
                               : "The referenced secret or parameter \(reference ?? "") does not exist (or is in another region)",
                basis: .symptomText, explains: [symptom], resources: (reference.map { [.secretReference($0)] } ?? []) + symptom.resourceList,
                evidence: [symptom.evidence], fix: Self.fix(reference ?? "<valueFrom>", context, notJSON: notJSON)))
        }
        return findings
    }

    /// The SSM parameter name a valueFrom refers to, or nil for Secrets Manager.
    static func parameterName(_ valueFrom: String) -> String? {
        if valueFrom.hasPrefix("arn:") {
            guard ARN.field(valueFrom, 2) == "ssm", let range = valueFrom.range(of: ":parameter") else { return nil }
            return String(valueFrom[range.upperBound...])
        }
        return valueFrom
    }

    static func fix(_ valueFrom: String, _ context: AnalysisContext, notJSON: Bool = false) -> Fix {
        Fix(summary: notJSON ? "Store the secret as a JSON object containing the key, or reference the whole secret without a json-key"
                             : "Create the secret or parameter, or correct valueFrom (name, full ARN with its 6-character suffix, region)",
            steps: ["valueFrom is a parameter name or ARN (SSM), or a secret ARN optionally followed by :json-key:version-stage:version-id (Secrets Manager).",
                    "A secret or parameter in another region must be referenced by its full ARN.",
                    "A json-key reference needs the secret's value to be a JSON object with that key."],
            commands: valueFrom.hasPrefix("arn:aws:secretsmanager")
                ? ["aws secretsmanager describe-secret --secret-id \(ResourceARNs.secretArn(valueFrom) ?? valueFrom)"]
                : ["aws ssm get-parameters --names \(parameterName(valueFrom) ?? valueFrom) --region \(context.region)"])
    }
}
