/// An AccessDenied no cause rule explains: say which principal needs which
/// action on which resource, and what the role's policies in the snapshot say.
struct IAMAccessDeniedRule: Rule {
    static let description = RuleDescription(
        id: "iam-access-denied", title: "An AWS call was denied", category: .iam, kind: .symptom, severity: .critical,
        explains: [.accessDenied],
        examples: [
            .triggers("the app's own S3 call denied", "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
                      resources: [""]),
            .triggers("the app's own call denied", "botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the PutItem operation: User: arn:aws:sts::111122223333:assumed-role/app-task-role/4f1c is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                      resources: ["app-task-role"]),
            .triggers("task role in the snapshot allows the action: the denial comes from outside it", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("app-task-role", managed: [], inline: [(name: "orders", statements: #"[{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]"#)])),
                Fixture.array("tasks", Fixture.stoppedTask("4f1c", reason: "botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the PutItem operation: User: arn:aws:sts::111122223333:assumed-role/app-task-role/4f1c is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders"))),
                resources: [Fixture.roleArn("app-task-role")]),
            .quiet("a timeout is not a denial", "CannotPullContainerError: API error (500): Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.unexplainedSymptoms(of: [.accessDenied]).map { symptom in
            let facts = symptom.facts
            let role = facts.roleName.flatMap { context.index.role($0) }
            var evidence = [symptom.evidence]
            var missing: [MissingEvidence] = []
            if let role, let policies = context.index.policies(of: role), let action = facts.action {
                let decision = PolicyEvaluator.evaluate(policies, PermissionRequest(action, on: .exact(facts.resourceArn ?? "*")))
                evidence.append(Evidence(decision.location ?? role.location, Self.decisionText(decision)))
                if decision.outcome == .allowed { missing.append(RolePolicyEvidence.serviceControlPolicies(account: context.index.accountId)) }
            } else {
                missing.append(facts.roleName.map(RolePolicyEvidence.policies(of:)) ?? Self.whichRole(context.index.workload(for: symptom.resource)))
            }
            let principal = Self.principal(facts.roleName, kind: facts.roleName.flatMap { Self.roleKind($0, context) })
            // The agent's calls need exactly what failed; the application's, the pattern it works on.
            let agentRole = facts.roleName.map { context.index.isExecutionRole(named: $0) || context.index.isInstanceRole(named: $0) } ?? false
            let grant = facts.action.map { action in
                RolePolicyGrant(roleName: facts.roleName ?? "<role-name>", policyName: "ecs-triage-\(Self.description.id)",
                                statements: [.init(actions: [action],
                                                   resource: facts.resourceArn.map(agentRole ? GrantPattern.covering : GrantPattern.application) ?? "*")])
            }
            return Self.description.finding(
                title: Self.title(principal, action: facts.action, resource: facts.resourceArn), basis: .symptomText, explains: [symptom],
                resources: (role.map { [.arn($0.arn)] } ?? facts.roleName.map { [.roleName($0)] } ?? []) + (facts.resourceArn.map { [.arn($0)] } ?? [])
                    + symptom.resourceList,
                evidence: evidence, fix: Self.fix(principal, facts, grant: facts.roleName != nil && RolePolicyEvidence.isRoleName(facts.roleName!) ? grant : nil),
                missingEvidence: missing)
        }
    }

    /// What the snapshot says the role is: which definition's execution or task role, or an instance role.
    static func roleKind(_ name: String, _ context: AnalysisContext) -> String? {
        for definition in context.index.taskDefinitions {
            if definition.taskRoleArn.map(ARN.roleName) == name { return "task role of \(definition.familyRevision)" }
            if definition.executionRoleArn.map(ARN.roleName) == name { return "execution role of \(definition.familyRevision)" }
        }
        return context.index.isInstanceRole(named: name) ? "container instance role" : nil
    }
}

// MARK: Messages and fixes

extension IAMAccessDeniedRule {
    static func principal(_ roleName: String?, kind: String?) -> String {
        roleName.map { "role \($0)" + (kind.map { " (\($0))" } ?? "") } ?? "the calling role"
    }

    static func title(_ principal: String, action: String?, resource: String?) -> String {
        "\(principal.prefix(1).uppercased() + principal.dropFirst()) was denied \(action ?? "the action")\(resource.map { " on \($0)" } ?? "")"
    }

    static func decisionText(_ decision: PolicyDecision) -> String {
        switch decision.outcome {
        case .denied: return decision.explanation
        case .undetermined: return "undetermined from the snapshot: \(decision.explanation)"
        case .allowed: return "\(decision.explanation): the role's own policies allow it, so the denial comes from outside them (\(PolicyEvaluator.outsideTheSnapshot))"
        }
    }

    static func fix(_ principal: String, _ facts: SymptomFacts, grant: RolePolicyGrant?) -> Fix {
        let action = facts.action ?? "the action"
        let resource = grant?.statements[0].resources[0] ?? facts.resourceArn ?? facts.service.map { "the \(AWSEndpointName.displayName($0)) resource" } ?? "the resource"
        var steps = ["Grant \(principal) \(action) on \(resource) (for failures before the container starts this is the task execution role; for calls "
                     + "your code makes, the task role)."]
        if facts.service == "ecr.dkr" {
            steps = ["The image is in ECR: check the repository and tag exist (aws ecr describe-images), then that the execution role may ecr:BatchGetImage "
                     + "and ecr:GetDownloadUrlForLayer on it.",
                     "For a repository in another account, its repository policy must also allow the execution role."]
        }
        if facts.service == "s3" { steps.append("For S3 objects a missing key also answers 403 when the caller may not s3:ListBucket; check the key exists.") }
        if grant != nil, let denied = facts.resourceArn, denied != resource {
            steps.append("The grant names \(resource), the pattern the call belongs to, not only \(denied): narrow it if the application needs less.")
        }
        steps.append("Look for an explicit Deny, a permissions boundary, an SCP or a resource policy: they deny even when an identity policy allows.")
        return Fix(summary: "Allow \(principal) \(action) on \(resource)", steps: steps,
                   commands: grant.map { [$0.command] } ?? [], terraform: grant?.terraform)
    }

    /// Which role made the call, when the message does not say.
    static func whichRole(_ workload: Workload?) -> MissingEvidence {
        MissingEvidence(why: "which role made the denied call (the task role for the application's calls, the execution role before it starts)",
                        command: "aws ecs describe-task-definition --task-definition \(TaskDefinitionReference.argument(workload)) "
                            + "--query 'taskDefinition.[taskRoleArn,executionRoleArn]'")
    }
}
