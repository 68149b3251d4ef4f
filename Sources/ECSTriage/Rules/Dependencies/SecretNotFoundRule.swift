/// A `secrets` or `repositoryCredentials` reference points at nothing, or at
/// a secret that is not the JSON the reference expects.
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
/// (`valueFrom`: a parameter name or ARN, or a secret ARN with optional `:json-key:version-stage:version-id`).
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
            .triggers("secret absent from describe-secret", Fixture.snapshot(
                #""snapshotVersion": 1"#, Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "secrets": [{"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:billing/api-key-Zx81Qa"}]"#)),
                #""SecretList": []"#),
                resources: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:billing/api-key-Zx81Qa"], confidence: .likely),
            .triggers("version id of the reference rejected by the SDK", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:111122223333:secret:billing/api-key-Zx81Qa from secrets manager: InvalidParameter: 1 validation error(s) found. - minimum field size of 32, GetSecretValueInput.VersionId.",
                      resources: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:billing/api-key-Zx81Qa"], confidence: .likely),
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
                    let reference = Reference(secret.valueFrom, region: context.index.region)
                    let missingParameter = reference.parameterName.map(context.index.isInvalidParameter) ?? false
                    let missingSecret = context.index.has(.secrets) && reference.secretArn.map { context.index.secret($0) == nil } ?? false
                    guard missingParameter || missingSecret else { continue }
                    let symptoms = context.symptoms(of: [.secretNotFound], on: workload)
                    claimed.formUnion(symptoms.map(\.id))
                    findings.append(Self.description.finding(
                        title: Self.title(secret.name, container: container.name, valueFrom: secret.valueFrom), explains: symptoms,
                        resources: [.secretReference(reference.parameterName ?? reference.secretArn ?? secret.valueFrom), workload.resource],
                        evidence: symptoms.map(\.evidence) + [Evidence(secret.location + "/valueFrom", "valueFrom is \(secret.valueFrom)"),
                                                              Self.absentEvidence(parameter: missingParameter)],
                        fix: Self.fix(reference, notJSON: false)))
                }
            }
        }
        for symptom in context.symptoms(of: [.secretNotFound]) where !claimed.contains(symptom.id) {
            let named = Self.referenceNamed(in: symptom.message)
            let notJSON = symptom.message.contains("looking for beginning of value") || symptom.message.contains("json key")
            let reference = named.map { Reference($0, region: symptom.facts.region ?? context.index.region) }
            if symptom.message.contains("GetSecretValueInput.Version") {
                findings.append(Self.description.finding(
                    title: Self.badVersionTitle, basis: .symptomText, explains: [symptom],
                    resources: (named.map { [.secretReference($0)] } ?? []) + symptom.resourceList, evidence: [symptom.evidence],
                    fix: Self.badVersionFix(reference), missingEvidence: [Self.whichReference(context.index.workload(for: symptom.resource))]))
                continue
            }
            findings.append(Self.description.finding(
                title: Self.textTitle(named, notJSON: notJSON), basis: .symptomText, explains: [symptom],
                resources: (named.map { [.secretReference($0)] } ?? []) + symptom.resourceList, evidence: [symptom.evidence],
                fix: reference.map { Self.fix($0, notJSON: notJSON) } ?? Self.unnamedFix(notJSON: notJSON),
                missingEvidence: named == nil ? [Self.whichReference(context.index.workload(for: symptom.resource))] : []))
        }
        return findings
    }

    /// What a `valueFrom` names: an SSM parameter (by name or ARN) or a Secrets Manager secret.
    struct Reference {
        var valueFrom: String
        /// The parameter's name, without the ARN; nil for a secret.
        var parameterName: String?
        /// The secret's ARN, without the `:json-key:version-stage:version-id` suffix.
        var secretArn: String?
        /// The region the reference lives in: its ARN's, else the task's.
        var region: String?

        init(_ valueFrom: String, region: String?) {
            self.valueFrom = valueFrom
            secretArn = ResourceARNs.secretArn(valueFrom)
            parameterName = SecretNotFoundRule.parameterName(valueFrom)
            self.region = ARN.region(valueFrom) ?? region
        }

        /// The secret's name: the ARN's last field without Secrets Manager's `-AbCdEf` suffix.
        var secretName: String? {
            guard let arn = secretArn, let name = arn.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) else { return nil }
            return ResourceARNs.isCompleteSecretArn(arn) ? String(name.dropLast(7)) : name
        }
    }

    /// The SSM parameter name a valueFrom refers to, or nil for Secrets Manager.
    static func parameterName(_ valueFrom: String) -> String? {
        if valueFrom.hasPrefix("arn:") {
            guard ARN.field(valueFrom, 2) == "ssm", let range = valueFrom.range(of: ":parameter") else { return nil }
            return String(valueFrom[range.upperBound...])
        }
        return valueFrom
    }

    /// The reference an agent message names (`invalid ssm parameters: /a/b`, `secret arn:...`).
    static func referenceNamed(in message: String) -> String? {
        MessageClassifier.token(after: "invalid ssm parameters: ", in: message)
            ?? MessageClassifier.token(after: "invalid parameters: ", in: message)
            ?? MessageClassifier.token(after: "secret ", in: message).flatMap { $0.hasPrefix("arn:") ? MessageClassifier.trimPunctuation($0) : nil }
            ?? MessageClassifier.token(after: "fetch secret ", in: message).flatMap { $0.hasPrefix("arn:") ? MessageClassifier.trimPunctuation($0) : nil }
    }
}

// MARK: Messages and fixes

extension SecretNotFoundRule {
    static func title(_ name: String, container: String, valueFrom: String) -> String {
        "Secret \(name) of container \(container) points at \(valueFrom), which does not exist"
    }

    static func textTitle(_ reference: String?, notJSON: Bool) -> String {
        notJSON ? "A secret is not the JSON its reference expects (a json-key reference on a plain-text or malformed secret)"
                : "The referenced secret or parameter \(reference.map { $0 + " " } ?? "")does not exist (or is in another region)"
    }

    /// The SDK rejected the version fields before asking Secrets Manager: a version id is 32 to 64 characters
    /// (https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets; botocore 1.43.11 data/secretsmanager/2017-10-17 SecretVersionIdType: min 32, max 64).
    static let badVersionTitle = "A secret reference's version id or version stage is not valid (the fields after the JSON key in valueFrom)"

    static func badVersionFix(_ reference: Reference?) -> Fix {
        let arn = reference?.secretArn
        return Fix(summary: "Correct the version fields of valueFrom, or leave them empty to read the current version",
                   steps: ["valueFrom is arn:aws:secretsmanager:<region>:<account>:secret:<name>:<json-key>:<version-stage>:<version-id>; "
                           + "each of the last three may be empty, but a version id must be a real one (32 to 64 characters, a UUID).",
                           "A stray colon or a value in the wrong field (a stage name where the id goes) gives this error: count the colons."],
                   commands: arn.map {
                       ["aws secretsmanager list-secret-version-ids --secret-id \(ShellWord.quoted($0))\(regionOption(reference?.region))"]
                   } ?? [])
    }

    static func absentEvidence(parameter: Bool) -> Evidence {
        Evidence("", parameter ? "get-parameters lists it under InvalidParameters" : "it is not among the snapshot's Secrets Manager secrets (describe-secret)")
    }

    static let steps = [
        "valueFrom is a parameter name or ARN (SSM), or a secret ARN optionally followed by :json-key:version-stage:version-id (Secrets Manager).",
        "A secret or parameter in another region must be referenced by its full ARN.",
        "A json-key reference needs the secret's value to be a JSON object with that key.",
    ]

    /// ` --region eu-west-1`, or nothing when the input does not say.
    static func regionOption(_ region: String?) -> String {
        region.map { " --region \(ShellWord.quoted($0))" } ?? ""
    }

    /// Look for the name that exists (a typo, another path or region), or create it; the value is yours to give.
    static func fix(_ reference: Reference, notJSON: Bool) -> Fix {
        let region = regionOption(reference.region)
        if let name = reference.secretName, let arn = reference.secretArn {
            let commands = notJSON
                ? ["aws secretsmanager describe-secret --secret-id \(ShellWord.quoted(arn))\(region)",
                   "aws secretsmanager put-secret-value --secret-id \(ShellWord.quoted(arn)) --secret-string '{\"<json-key>\":\"<value>\"}'\(region)"]
                : ["aws secretsmanager list-secrets --filters Key=name,Values=\(ShellWord.quoted(name))\(region) --query 'SecretList[].ARN'",
                   "aws secretsmanager create-secret --name \(ShellWord.quoted(name)) --secret-string '<value>'\(region)"]
            return Fix(summary: notJSON ? "Store the secret as a JSON object containing the key, or reference the whole secret without a json-key"
                                        : "Correct valueFrom to the secret's full ARN (with its 6-character suffix and region), or create the secret",
                       steps: steps + ["The last command holds the value as a placeholder: put the real one there (or use --secret-string file://...)."],
                       commands: commands)
        }
        let name = reference.parameterName ?? reference.valueFrom
        // The parameters beside it (its parent path), where a typo or a renamed path shows.
        let parent = name.lastIndex(of: "/").map { String(name[..<$0]) }
        let filter = parent.map { " --parameter-filters " + ShellWord.quoted("Key=Name,Option=BeginsWith,Values=" + ($0.isEmpty ? "/" : $0)) } ?? ""
        return Fix(summary: "Correct valueFrom to a parameter that exists (name, path, region), or create the parameter",
                   steps: steps + ["The last command holds the value as a placeholder: put the real one there."],
                   commands: ["aws ssm describe-parameters\(filter)\(region) --query 'Parameters[].Name'",
                              "aws ssm put-parameter --name \(ShellWord.quoted(name)) --type SecureString --value '<value>'\(region)"])
    }

    static func unnamedFix(notJSON: Bool) -> Fix {
        Fix(summary: notJSON ? "Store the secret as a JSON object containing the key, or reference the whole secret without a json-key"
                             : "Create the secret or parameter, or correct valueFrom (name, full ARN with its 6-character suffix, region)",
            steps: steps)
    }

    static func whichReference(_ workload: Workload?) -> MissingEvidence {
        MissingEvidence(why: "the references the task definition makes",
                        command: "aws ecs describe-task-definition --task-definition \(TaskDefinitionReference.argument(workload)) "
                            + "--query 'taskDefinition.containerDefinitions[].[secrets,repositoryCredentials]'")
    }
}
