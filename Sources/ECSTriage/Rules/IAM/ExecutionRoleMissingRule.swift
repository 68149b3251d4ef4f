/// The task definition uses something only the execution role can fetch,
/// and names no execution role.
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

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for definition in context.index.taskDefinitions where definition.executionRoleArn == nil {
            let reasons = needs(definition, onFargate: context.index.definitionUse(definition).runsOnFargate)
            guard !reasons.isEmpty else { continue }
            let ids = Set(context.index.workloads(using: definition).flatMap(\.resourceIds))
            let symptoms = context.symptoms(of: [.executionRoleMissing]).filter { symptom in
                symptom.resource.map { ids.contains($0) || context.index.workload(for: $0) == nil } ?? true
            }
            claimed.formUnion(symptoms.map(\.id))
            findings.append(Self.description.finding(
                title: "\(definition.familyRevision) has no execution role but needs one for \(reasons.map(\.what).uniqued().joined(separator: ", "))",
                explains: symptoms,
                resources: [.arn(definition.taskDefinitionArn)] + symptoms.flatMap(\.resourceList),
                evidence: symptoms.map(\.evidence) + [Evidence(definition.location, "\(definition.familyRevision) names no executionRoleArn")]
                    + reasons.map { Evidence($0.location, $0.why) },
                fix: fix(family: definition.family ?? definition.familyRevision)))
        }
        for symptom in context.symptoms(of: [.executionRoleMissing]) where !claimed.contains(symptom.id) {
            findings.append(Self.description.finding(
                title: "The task definition needs an execution role and has none", basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList, evidence: [symptom.evidence], fix: fix(family: "<family>"),
                missingEvidence: [MissingEvidence(why: "which definition and what it references",
                                                  command: "aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,compat:requiresCompatibilities}'")]))
        }
        return findings
    }

    struct Need {
        var what: String
        var why: String
        var location: String
    }

    /// What needs the execution role: secrets, environment files and
    /// registry credentials always; ECR images and awslogs on Fargate
    /// (on EC2 the container instance role does those).
    func needs(_ definition: TaskDefinition, onFargate: Bool?) -> [Need] {
        var needs: [Need] = []
        for container in definition.containerDefinitions {
            for secret in container.secrets {
                needs.append(Need(what: "secrets", why: "secret \(secret.name) of container \(container.name) is fetched with the execution role", location: secret.location))
            }
            for file in container.environmentFiles {
                needs.append(Need(what: "environment files", why: "environment file \(file.value) is downloaded with the execution role", location: file.location))
            }
            if container.repositoryCredentialsParameter != nil {
                needs.append(Need(what: "registry credentials", why: "repositoryCredentials of container \(container.name) are read with the execution role", location: container.location + "/repositoryCredentials"))
            }
            guard onFargate == true else { continue }
            if let image = container.image, ResourceARNs.ecrImage(image) != nil {
                needs.append(Need(what: "the ECR image", why: "on Fargate the private ECR image \(image) is pulled with the execution role", location: container.location + "/image"))
            }
            if container.logDriver == "awslogs" {
                needs.append(Need(what: "awslogs", why: "on Fargate the awslogs driver of container \(container.name) writes with the execution role", location: container.logConfigurationLocation ?? container.location))
            }
        }
        return needs
    }

    private func fix(family: String) -> Fix {
        let trust = #"'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'"#
        return Fix(summary: "Create an execution role and register a new revision of \(family) with executionRoleArn",
                   steps: ["Create a role that trusts ecs-tasks.amazonaws.com and attach AmazonECSTaskExecutionRolePolicy (ECR and logs).",
                           "Add permissions for what else the definition reads: secretsmanager:GetSecretValue / ssm:GetParameters on its secrets, s3:GetObject and s3:GetBucketLocation for environment files.",
                           "Register a new task definition revision with executionRoleArn set, then deploy it."],
                   commands: ["aws iam create-role --role-name ecsTaskExecutionRole --assume-role-policy-document \(trust)",
                              "aws iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
                   terraform: """
                   resource "aws_iam_role" "execution" {
                     name               = "ecsTaskExecutionRole"
                     assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
                   }
                   resource "aws_iam_role_policy_attachment" "execution" {
                     role       = aws_iam_role.execution.name
                     policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
                   }
                   # aws_ecs_task_definition: execution_role_arn = aws_iam_role.execution.arn
                   """)
    }
}
