/// The application's own AWS calls fail for want of task-role permissions:
/// its SDK finds no credentials because the task definition has no
/// `taskRoleArn` (the permissions often sit on the execution role, which
/// only the ECS agent uses: image pull, logs, secrets), or the task role it
/// has is denied what the application calls. The fix moves the statements to
/// a task role, or grants the task role the resource pattern the application
/// uses (the key prefix, not the one object an error names).
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
/// (the task role's credentials reach the containers through
/// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI; the execution role's never do).
struct TaskRolePermissionsRule: Rule {
    static let noCredentials = "botocore.exceptions.NoCredentialsError: Unable to locate credentials"
    static let s3OnExecutionRole = [(name: "reports-bucket", statements: #"[{"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::acme-reports/reports/*"}]"#)]
    static let thumbnails = [(name: "thumbnails", statements: #"[{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::media-uploads/thumbnails/*"}]"#)]
    static let uploadDenied = #"botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::111122223333:assumed-role/app-task-role/0c9b is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::media-uploads/uploads/2026/11/20/a8f3c2.jpg\" because no identity-based policy allows the s3:GetObject action"#

    static func runningTask(_ id: String, reason: String? = nil) -> String {
        let stopped = reason.map { #", "lastStatus": "STOPPED", "stopCode": "EssentialContainerExited", "stoppedReason": "\#($0)""# } ?? #", "lastStatus": "RUNNING""#
        return #"{"taskArn": "\#(Fixture.taskArn(id))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE"\#(stopped)}"#
    }

    static let description = RuleDescription(
        id: "task-role-permissions", title: "The application's AWS calls lack task-role permissions", category: .iam, severity: .high,
        explains: [.taskCredentialsMissing, .accessDenied], needs: [.taskDefinitions, .roles],
        examples: [
            .triggers("no credentials, no task role, S3 statements on the execution role", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", runningTask("4f1c", reason: noCredentials)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: s3OnExecutionRole))),
                resources: [Fixture.roleArn("ecsTaskExecutionRole")], confidence: .confirmed),
            .triggers("no credentials, no task role", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", runningTask("4f1c", reason: noCredentials)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .confirmed),
            .triggers("NoCredentialsError pasted alone", noCredentials, resources: [""], confidence: .likely),
            .triggers("task role denied one object under a prefix it does not allow", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", runningTask("0c9b", reason: uploadDenied)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("app-task-role", managed: [], inline: thumbnails))),
                resources: [Fixture.roleArn("app-task-role")], confidence: .confirmed),
            .triggers("task role denied, its policies not in the snapshot", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", runningTask("0c9b", reason: uploadDenied)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role"))),
                resources: [Fixture.roleArn("app-task-role")], confidence: .likely),
            .quiet("task role allows what was denied: the denial comes from elsewhere", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", runningTask("0c9b", reason: uploadDenied)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"),
                              Fixture.role("app-task-role", managed: [], inline: [(name: "all", statements: #"[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media-uploads/*"}]"#)])))),
            .quiet("no task role and no failure: an application that calls no AWS API", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", runningTask("4f1c")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: s3OnExecutionRole)))),
            .quiet("the execution role's own denial is another rule's", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): operation error ECR: GetAuthorizationToken, https response error StatusCode: 400, api error AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/0f3c is not authorized to perform: ecr:GetAuthorizationToken on resource: *"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for use in context.index.definitionUses {
            let definition = use.definition
            let credentials = context.symptoms(of: [.taskCredentialsMissing], on: use).filter { !claimed.contains($0.id) }
            guard let taskRoleArn = definition.taskRoleArn else {
                guard !credentials.isEmpty else { continue }
                findings.append(noTaskRoleFinding(use, credentials, context))
                claimed.formUnion(credentials.map(\.id))
                continue
            }
            let roleName = ARN.roleName(taskRoleArn)
            let denials = context.symptoms(of: [.accessDenied], on: use).filter { $0.facts.roleName == roleName && $0.facts.action != nil && !claimed.contains($0.id) }
            for group in denials.grouped(by: { "\($0.facts.action!)|\(GrantPattern.application($0.facts.resourceArn ?? "*"))" }) {
                guard let finding = deniedFinding(use, taskRoleArn: taskRoleArn, group.symptoms, context) else { continue }
                findings.append(finding)
                claimed.formUnion(group.symptoms.map(\.id))
            }
        }
        for symptom in context.symptoms(of: [.taskCredentialsMissing]) where !claimed.contains(symptom.id) {
            let workload = context.index.workload(for: symptom.resource)
            findings.append(Self.description.finding(
                title: Self.credentialsTitle(workload?.taskDefinition), basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList + (workload?.taskDefinition?.taskRoleArn.map { [.arn($0)] } ?? []),
                evidence: [symptom.evidence] + (workload?.taskDefinition.map { [Self.hasTaskRoleEvidence($0)] } ?? []),
                fix: Self.credentialsFix, missingEvidence: [Self.definitionRoles(workload)]))
        }
        return findings
    }

    /// No taskRoleArn, and the SDK found no credentials: create the task
    /// role, move the application's statements from the execution role.
    private func noTaskRoleFinding(_ use: DefinitionUse, _ symptoms: [Symptom], _ context: AnalysisContext) -> Finding {
        let definition = use.definition
        var evidence = symptoms.map(\.evidence) + [Self.noTaskRoleEvidence(definition)]
        var moved: [MovedStatement] = []
        var executionRole: IAMRole?
        if let arn = definition.executionRoleArn, let role = context.index.role(arn), role.hasPermissionDetails {
            executionRole = role
            moved = Self.applicationStatements(of: role, definition: definition)
            evidence += moved.map { Self.misplacedEvidence($0, role: role) }
        }
        let role = AssumedRole.named(after: definition, suffix: "-task-role")
        let account = ARN.account(definition.taskDefinitionArn) ?? context.index.accountId ?? "<account-id>"
        let change = TaskDefinitionChange(use, [.task("taskRoleArn", .string(role.arn(account: account)))])
        return Self.description.finding(
            title: Self.noTaskRoleTitle(definition, moved: !moved.isEmpty), explains: symptoms,
            resources: (executionRole.map { [.arn($0.arn)] } ?? []) + use.resources, evidence: evidence,
            fix: Self.createTaskRoleFix(role, moved: moved, executionRole: executionRole, change: change, definition: definition),
            missingEvidence: change.missingEvidence + (moved.isEmpty ? Self.applicationActions(definition) : []))
    }

    /// The task role was denied what the application called.
    private func deniedFinding(_ use: DefinitionUse, taskRoleArn: String, _ symptoms: [Symptom], _ context: AnalysisContext) -> Finding? {
        let facts = symptoms[0].facts
        let action = facts.action!
        let request = PermissionRequest(action, on: .exact(facts.resourceArn ?? "*"))
        let grant = RolePolicyGrant(roleName: ARN.roleName(taskRoleArn), policyName: "ecs-triage-\(Self.description.id)",
                                    statements: [.init(actions: [action], resource: GrantPattern.application(facts.resourceArn ?? "*"))])
        var evidence = symptoms.map(\.evidence) + [Self.taskRoleEvidence(use.definition, taskRoleArn)]
        guard let role = context.index.role(taskRoleArn), let policies = context.index.policies(of: role) else {
            return Self.description.finding(
                title: Self.deniedTitle(grant), basis: .symptomText, explains: symptoms, resources: [.arn(taskRoleArn)] + use.resources,
                evidence: evidence, fix: Self.grantFix(grant), missingEvidence: [RolePolicyEvidence.policies(of: grant.roleName)])
        }
        let decision = PolicyEvaluator.evaluate(policies, request)
        // Allowed by the role: the denial is from outside it (iam-access-denied says so).
        guard decision.outcome != .allowed else { return nil }
        evidence.append(Evidence(decision.location ?? role.location, decision.explanation))
        if let executionArn = use.definition.executionRoleArn, executionArn != taskRoleArn, let execution = context.index.role(executionArn),
           let executionPolicies = context.index.policies(of: execution), PolicyEvaluator.evaluate(executionPolicies, request).outcome == .allowed {
            evidence.append(Self.executionRoleAllowsEvidence(execution, request))
        }
        return Self.description.finding(
            title: Self.deniedTitle(grant), basis: decision.outcome == .denied ? .configuration : .undetermined, explains: symptoms,
            resources: [.arn(role.arn)] + use.resources, evidence: evidence, fix: Self.grantFix(grant),
            missingEvidence: decision.outcome == .denied ? [] : [Self.simulation(role.arn, request)])
    }

    /// A statement of the execution role that grants the application something.
    struct MovedStatement {
        var policyName: String
        var statement: PolicyStatement
        /// The application's actions in it (the agent's stay where they are).
        var actions: [String]
        /// Whether every statement of its inline policy is the application's: the policy can go.
        var wholePolicy: Bool
    }

    /// The execution role's inline Allow statements with actions the ECS agent
    /// never calls for this definition (anything beyond ECR, logs, secrets,
    /// parameters, keys and the definition's environment files).
    static func applicationStatements(of role: IAMRole, definition: TaskDefinition) -> [MovedStatement] {
        let environmentFiles = definition.containerDefinitions.contains { !$0.environmentFiles.isEmpty }
        var moved: [MovedStatement] = []
        for policy in role.inlinePolicies {
            var found: [MovedStatement] = []
            var agentStatements = 0
            for statement in policy.document.statements where statement.allows && statement.notActions == nil && statement.notResources == nil {
                let actions = (statement.actions ?? []).filter { !isAgentAction($0, environmentFiles: environmentFiles) }
                if actions.isEmpty { agentStatements += 1; continue }
                found.append(MovedStatement(policyName: policy.name, statement: statement, actions: actions, wholePolicy: false))
            }
            let whole = agentStatements == 0 && found.allSatisfy { $0.actions.count == ($0.statement.actions ?? []).count } && found.count == policy.document.statements.count
            moved += found.map { var entry = $0; entry.wholePolicy = whole; return entry }
        }
        return moved
    }

    /// What the execution role is for (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html):
    /// ECR pulls, awslogs, secrets and parameters (and their keys), environment files.
    static func isAgentAction(_ action: String, environmentFiles: Bool) -> Bool {
        let lowered = action.lowercased()
        if lowered == "*" { return true }
        let service = lowered.split(separator: ":").first.map(String.init) ?? lowered
        if ["ecr", "logs", "secretsmanager", "kms"].contains(service) { return true }
        if service == "ssm" { return lowered.hasPrefix("ssm:getparameter") }
        if service == "s3" { return environmentFiles && ["s3:getobject", "s3:getbucketlocation"].contains(lowered) }
        return false
    }
}

// MARK: Messages and fixes

extension TaskRolePermissionsRule {
    static func noTaskRoleTitle(_ definition: TaskDefinition, moved: Bool) -> String {
        "The application in \(definition.familyRevision) has no AWS credentials: the task definition has no task role"
            + (moved ? ", and its permissions sit on the execution role" : "")
    }

    static func deniedTitle(_ grant: RolePolicyGrant) -> String {
        let statement = grant.statements[0]
        return "Task role \(grant.roleName) may not \(statement.actions.joined(separator: ", ")) on \(statement.resources.joined(separator: ", "))"
    }

    static func credentialsTitle(_ definition: TaskDefinition?) -> String {
        guard let definition, let role = definition.taskRoleArn else { return "The application found no AWS credentials: the task may have no task role" }
        return "The application found no AWS credentials although \(definition.familyRevision) names the task role \(ARN.roleName(role))"
    }

    static func noTaskRoleEvidence(_ definition: TaskDefinition) -> Evidence {
        Evidence(definition.location, "\(definition.familyRevision) has no taskRoleArn: the containers get no AWS credentials; "
                 + "the execution role (\(definition.executionRoleArn.map(ARN.roleName) ?? "none")) serves the ECS agent only (image pull, logs, secrets)")
    }

    static func hasTaskRoleEvidence(_ definition: TaskDefinition) -> Evidence {
        Evidence(definition.location + "/taskRoleArn", definition.taskRoleArn.map { "task role of \(definition.familyRevision): \($0)" }
                 ?? "\(definition.familyRevision) has no taskRoleArn")
    }

    static func taskRoleEvidence(_ definition: TaskDefinition, _ roleArn: String) -> Evidence {
        Evidence(definition.location + "/taskRoleArn", "task role of \(definition.familyRevision), which the application's calls use: \(roleArn)")
    }

    static func misplacedEvidence(_ moved: MovedStatement, role: IAMRole) -> Evidence {
        Evidence(moved.statement.location, "execution role \(role.roleName), inline policy \"\(moved.policyName)\": allows \(moved.actions.joined(separator: ", ")) on "
                 + "\((moved.statement.resources ?? ["*"]).joined(separator: ", ")), which only the application calls; the application never gets this role's credentials")
    }

    static func executionRoleAllowsEvidence(_ role: IAMRole, _ request: PermissionRequest) -> Evidence {
        Evidence(role.location, "the execution role \(role.roleName) allows \(request.description), but the application's calls use the task role")
    }

    static let taskRoleSteps = [
        "The application's AWS SDK takes its credentials from the task role (taskRoleArn), through the container credentials endpoint; the execution role's are "
            + "never given to the containers.",
        "Statements the application needs belong on the task role; keep on the execution role only image pull, logs, secrets and environment files.",
    ]

    /// Create the role, move the statements, set taskRoleArn, roll the service.
    static func createTaskRoleFix(_ role: AssumedRole, moved: [MovedStatement], executionRole: IAMRole?, change: TaskDefinitionChange,
                                  definition: TaskDefinition) -> Fix {
        var commands = role.createCommands
        var terraform = [role.terraform]
        let byPolicy = Dictionary(grouping: moved, by: \.policyName)
        for name in moved.map(\.policyName).uniqued() {
            let statements = byPolicy[name]!.map { RolePolicyGrant.Statement(actions: $0.actions, resources: $0.statement.resources ?? ["*"]) }
            let grant = RolePolicyGrant(roleName: role.roleName, policyName: name, statements: statements)
            commands.append(grant.command)
            terraform.append(grant.terraform(roleReference: "aws_iam_role.\(role.terraformLabel).id"))
        }
        commands += change.commands
        if let executionRole {
            for name in moved.filter(\.wholePolicy).map(\.policyName).uniqued() {
                commands.append("aws iam delete-role-policy --role-name \(ShellWord.quoted(executionRole.roleName)) --policy-name \(ShellWord.quoted(name))")
            }
        }
        if let resource = change.terraform(definition) { terraform.append(resource) }
        var steps = taskRoleSteps
        steps.append(moved.isEmpty ? "Grant the new task role what the application calls (put-role-policy), then register the definition with taskRoleArn."
                                   : "The commands create \(role.roleName), copy the statements there, set taskRoleArn and roll the service; then remove them from the execution role.")
        return Fix(summary: "Create the task role \(role.roleName), give it the application's permissions and set taskRoleArn in \(definition.family ?? definition.familyRevision)",
                   steps: steps, commands: commands, terraform: terraform.joined(separator: "\n"))
    }

    static func grantFix(_ grant: RolePolicyGrant) -> Fix {
        let statement = grant.statements[0]
        return Fix(summary: "Allow the task role \(grant.roleName) \(statement.actions.joined(separator: ", ")) on \(statement.resources.joined(separator: ", "))",
                   steps: ["The grant names the pattern the application uses (the object's key prefix), not the one resource in the error: narrow or widen it to "
                           + "what the application really reads and writes.",
                           "If the role already allows it, look for an explicit Deny, a permissions boundary, an SCP or the bucket or key policy.",
                           "Running tasks pick up new permissions within minutes; nothing needs a redeploy."],
                   commands: [grant.command], terraform: grant.terraform)
    }

    static let credentialsFix = Fix(
        summary: "Give the task a task role (taskRoleArn) with the application's permissions",
        steps: taskRoleSteps + [
            "If the definition already has a task role: the SDK must be recent enough to read AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, the application must "
                + "not clear the environment, and on EC2 the agent needs ECS_ENABLE_TASK_IAM_ROLE=true (bridge and host network modes).",
        ])

    /// The application's failing calls, from its log, when the execution role holds none of its statements.
    static func applicationActions(_ definition: TaskDefinition) -> [MissingEvidence] {
        guard let container = definition.containerDefinitions.first(where: { $0.logDriver == "awslogs" && $0.logOption("awslogs-group") != nil }),
              let group = container.logOption("awslogs-group") else { return [] }
        let region = container.logOption("awslogs-region").map { " --region \(ShellWord.quoted($0))" } ?? ""
        return [MissingEvidence(why: "the AWS calls the application makes decide what the new task role must allow: its log names the failing ones",
                                command: "aws logs filter-log-events --log-group-name \(ShellWord.quoted(group))\(region) "
                                    + "--filter-pattern '?AccessDenied ?NoCredentialsError ?\"Unable to locate credentials\"'")]
    }

    static func definitionRoles(_ workload: Workload?) -> MissingEvidence {
        MissingEvidence(why: "whether the task definition names a task role",
                        command: "aws ecs describe-task-definition --task-definition \(TaskDefinitionReference.argument(workload)) "
                            + "--query 'taskDefinition.[taskRoleArn,executionRoleArn]'")
    }

    static func simulation(_ roleArn: String, _ request: PermissionRequest) -> MissingEvidence {
        MissingEvidence(why: "IAM's own evaluation of the task role",
                        command: "aws iam simulate-principal-policy --policy-source-arn \(ShellWord.quoted(roleArn)) --action-names \(request.action) "
                            + "--resource-arns \(ShellWord.quoted(request.resource.text))")
    }
}
