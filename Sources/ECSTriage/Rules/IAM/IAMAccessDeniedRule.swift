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
                resources: ["app-task-role"]),
            .quiet("a timeout is not a denial", "CannotPullContainerError: API error (500): Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.unexplainedSymptoms(of: [.accessDenied]).map { symptom in
            let facts = symptom.facts
            let role = facts.roleName.flatMap { context.index.role($0) }
            let principal = facts.roleName.map { "role \($0)" + (roleKind($0, context).map { " (\($0))" } ?? "") } ?? "the calling role"
            let action = facts.action ?? "the action"
            let resource = facts.resourceArn ?? facts.service.map { "the \(AWSEndpointName.displayName($0)) resource" } ?? "the resource"
            var evidence = [symptom.evidence]
            var missing: [MissingEvidence] = []
            if let role, let policies = context.index.policies(of: role), let named = facts.action {
                let decision = PolicyEvaluator.evaluate(policies, PermissionRequest(named, on: .exact(facts.resourceArn ?? "*")))
                let text: String
                switch decision.outcome {
                case .denied: text = decision.explanation
                case .undetermined: text = "undetermined from the snapshot: \(decision.explanation)"
                case .allowed: text = "\(decision.explanation): the role's own policies allow it, so the denial comes from outside them (\(PolicyEvaluator.outsideTheSnapshot))"
                }
                evidence.append(Evidence(decision.location ?? role.location, text))
            } else {
                missing.append(MissingEvidence(why: "the role's policies decide which statement is missing or denies",
                                               command: "aws iam get-account-authorization-details --filter Role" + (facts.roleName.map { " --query \"RoleDetailList[?RoleName=='\($0)']\"" } ?? "")))
            }
            var steps = ["Grant \(principal) \(action) on \(resource) (for failures before the container starts this is the task execution role; for calls your code makes, the task role)."]
            if facts.service == "ecr.dkr" {
                steps = ["The image is in ECR: check the repository and tag exist (aws ecr describe-images), then that the execution role may ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on it.",
                         "For a repository in another account, its repository policy must also allow the execution role."]
            }
            if facts.service == "s3" {
                steps.append("For S3 objects a missing key also answers 403 when the caller may not s3:ListBucket; check the key exists.")
            }
            steps.append("Look for an explicit Deny, a permissions boundary, an SCP or a resource policy: they deny even when an identity policy allows.")
            let statement = facts.action.map { #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#($0)","Resource":"\#(facts.resourceArn ?? "*")"}]}"# }
            return Self.description.finding(
                title: "\(principal.prefix(1).uppercased() + principal.dropFirst()) was denied \(action)\(facts.resourceArn.map { " on \($0)" } ?? "")",
                basis: .symptomText, explains: [symptom],
                resources: (facts.roleName.map { [.roleName($0)] } ?? []) + (facts.resourceArn.map { [.arn($0)] } ?? []) + symptom.resourceList,
                evidence: evidence,
                fix: Fix(summary: "Allow \(principal) \(action) on \(resource)", steps: steps,
                         commands: [facts.roleName.flatMap { name in statement.map { "aws iam put-role-policy --role-name \(name) --policy-name ecs-triage-access --policy-document '\($0)'" } }].compactMap { $0 }),
                missingEvidence: missing)
        }
    }

    /// What the snapshot says the role is: which definition's execution or task role, or an instance role.
    private func roleKind(_ name: String, _ context: AnalysisContext) -> String? {
        for definition in context.index.taskDefinitions {
            if definition.taskRoleArn.map(ARN.roleName) == name { return "task role of \(definition.familyRevision)" }
            if definition.executionRoleArn.map(ARN.roleName) == name { return "execution role of \(definition.familyRevision)" }
        }
        return context.index.isInstanceRole(named: name) ? "container instance role" : nil
    }
}
