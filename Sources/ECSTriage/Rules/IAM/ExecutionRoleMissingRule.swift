/// The task definition uses something only the execution role can fetch,
/// and names no execution role.
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
struct ExecutionRoleMissingRule: Rule {
    static let ec2Definition = #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/worker:2", "family": "worker", "revision": 2, "networkMode": "bridge", "requiresCompatibilities": ["EC2"], "memory": "512", "containerDefinitions": [{"name": "worker", "image": "\#(Fixture.ecrImage)", "essential": true, "memory": 256, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/worker", "awslogs-region": "us-east-1"}}SECRETS}]}"#

    static let description = RuleDescription(
        id: "execution-role-missing", title: "Task definition needs an execution role and has none",
        category: .iam, severity: .critical, explains: [.executionRoleMissing], needs: [.taskDefinitions],
        examples: [
            .triggers("Fargate, ECR image and awslogs, no execution role", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(executionRole: nil))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("EC2 with secrets, no execution role", Fixture.snapshot(
                Fixture.array("taskDefinitions", ec2Definition.replacingOccurrences(of: "SECRETS", with: #", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db-password"}]"#))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/worker:2"], confidence: .likely),
            .triggers("RunTask refused for want of an execution role", "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Fargate requires task definition to have execution role ARN to support log driver awslogs.",
                      resources: [""], confidence: .likely),
            .quiet("EC2 pulls from ECR and writes logs with the instance role", Fixture.snapshot(
                Fixture.array("taskDefinitions", ec2Definition.replacingOccurrences(of: "SECRETS", with: "")))),
            .quiet("execution role present", Fixture.snapshot(Fixture.array("taskDefinitions", Fixture.taskDefinition()))),
        ])

    /// One thing in the definition only the execution role can do.
    struct Need {
        var what: String
        var why: String
        var location: String
        /// ECR and awslogs: what AmazonECSTaskExecutionRolePolicy grants.
        var coveredByManagedPolicy: Bool
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for use in context.index.definitionUses where use.definition.executionRoleArn == nil {
            let definition = use.definition
            let reasons = Self.needs(definition, onFargate: use.runsOnFargate)
            guard !reasons.isEmpty else { continue }
            let symptoms = context.symptoms(of: [.executionRoleMissing], on: use)
            claimed.formUnion(symptoms.map(\.id))
            findings.append(Self.description.finding(
                title: Self.title(definition, reasons), explains: symptoms,
                resources: [.arn(definition.taskDefinitionArn)] + symptoms.flatMap(\.resourceList),
                evidence: symptoms.map(\.evidence) + [Self.noRoleEvidence(definition)] + reasons.map { Evidence($0.location, $0.why) },
                fix: Self.fix(use, reasons, context), missingEvidence: Self.changeEvidence(use)))
        }
        for symptom in context.symptoms(of: [.executionRoleMissing]) where !claimed.contains(symptom.id) {
            findings.append(Self.description.finding(
                title: Self.textTitle, basis: .symptomText, explains: [symptom], resources: symptom.resourceList,
                evidence: [symptom.evidence], fix: Self.textFix, missingEvidence: [Self.definitionCommand]))
        }
        return findings
    }

    /// What needs the execution role: secrets, environment files and
    /// registry credentials always; ECR images and awslogs on Fargate
    /// (on EC2 the container instance role does those).
    static func needs(_ definition: TaskDefinition, onFargate: Bool?) -> [Need] {
        var needs: [Need] = []
        for container in definition.containerDefinitions {
            for secret in container.secrets {
                needs.append(Need(what: "secrets", why: "secret \(secret.name) of container \(container.name) is fetched with the execution role",
                                  location: secret.location, coveredByManagedPolicy: false))
            }
            for file in container.environmentFiles {
                needs.append(Need(what: "environment files", why: "environment file \(file.value) is downloaded with the execution role",
                                  location: file.location, coveredByManagedPolicy: false))
            }
            if container.repositoryCredentialsParameter != nil {
                needs.append(Need(what: "registry credentials", why: "repositoryCredentials of container \(container.name) are read with the execution role",
                                  location: container.location + "/repositoryCredentials", coveredByManagedPolicy: false))
            }
            guard onFargate == true else { continue }
            if let image = container.image, ResourceARNs.ecrImage(image) != nil {
                needs.append(Need(what: "the ECR image", why: "on Fargate the private ECR image \(image) is pulled with the execution role",
                                  location: container.location + "/image", coveredByManagedPolicy: true))
            }
            if container.logDriver == "awslogs" {
                needs.append(Need(what: "awslogs", why: "on Fargate the awslogs driver of container \(container.name) writes with the execution role",
                                  location: container.logConfigurationLocation ?? container.location, coveredByManagedPolicy: true))
            }
        }
        return needs
    }
}

// MARK: Messages and fixes

extension ExecutionRoleMissingRule {
    static let textTitle = "The task definition needs an execution role and has none"

    static func title(_ definition: TaskDefinition, _ reasons: [Need]) -> String {
        "\(definition.familyRevision) has no execution role but needs one for \(reasons.map(\.what).uniqued().joined(separator: ", "))"
    }

    static func noRoleEvidence(_ definition: TaskDefinition) -> Evidence {
        Evidence(definition.location, "\(definition.familyRevision) names no executionRoleArn")
    }

    static let steps = [
        "Create a role that trusts ecs-tasks.amazonaws.com; attach AmazonECSTaskExecutionRolePolicy when it pulls from ECR or writes awslogs.",
        "Add what else the definition reads: secretsmanager:GetSecretValue / ssm:GetParameters on its secrets, s3:GetObject and s3:GetBucketLocation "
            + "for environment files.",
        "Register a new task definition revision with executionRoleArn set, then deploy it.",
    ]

    /// A new role after the family, granted what the definition reads, set by a task-definition change.
    static func fix(_ use: DefinitionUse, _ reasons: [Need], _ context: AnalysisContext) -> Fix {
        let definition = use.definition
        let role = AssumedRole.named(after: definition, suffix: "-execution-role",
                                     managedPolicyArns: reasons.contains(where: \.coveredByManagedPolicy) ? [AssumedRole.executionRolePolicyArn] : [])
        var commands = role.createCommands
        var terraform = [role.terraform]
        if let place = PermissionNeeds.place(of: definition, context) {
            let reads = PermissionNeeds.secrets(definition, place: place, index: context.index) + PermissionNeeds.environmentFiles(definition)
            if !reads.isEmpty {
                let grant = RolePolicyGrant(roleName: role.roleName, policyName: "ecs-triage-\(description.id)",
                                            actionsByResource: reads.map { ($0.request.action, $0.grant) })
                commands.append(grant.command)
                terraform.append(grant.terraform(roleReference: "aws_iam_role.\(role.terraformLabel).id"))
            }
        }
        let account = ARN.account(definition.taskDefinitionArn) ?? context.index.accountId ?? "<account-id>"
        let change = TaskDefinitionChange(use, [.task("executionRoleArn", .string(role.arn(account: account)))])
        commands += change.commands
        if let resource = change.terraform(definition) { terraform.append(resource) }
        return Fix(summary: "Create the execution role \(role.roleName) and register a new revision of \(definition.family ?? definition.familyRevision) with it",
                   steps: steps, commands: commands, terraform: terraform.joined(separator: "\n"))
    }

    static func changeEvidence(_ use: DefinitionUse) -> [MissingEvidence] {
        TaskDefinitionChange(use, []).missingEvidence
    }

    /// From the refusal alone: which definition is unknown, so no command can name it.
    static let textFix = Fix(
        summary: "Create an execution role and set executionRoleArn in the task definition you register",
        steps: steps + ["The refusal does not name the family: add \"executionRoleArn\" to the JSON (or template) you register."])

    static let definitionCommand = MissingEvidence(
        why: "which definition was refused and what it references (the JSON given to register-task-definition, or the registered revision)",
        command: "aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,compat:requiresCompatibilities}'")
}
