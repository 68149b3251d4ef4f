/// ECS could not use its service-linked role (or a legacy service role).
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html
struct ECSServiceRoleRule: Rule {
    static let description = RuleDescription(
        id: "ecs-service-role-or-slr", title: "ECS cannot use its service-linked role", category: .iam, kind: .symptom,
        severity: .critical, explains: [.serviceRoleFailed],
        examples: [
            .triggers("service-linked role missing", "Unable to assume the service linked role. Please verify that the ECS service linked role exists.",
                      resources: ["AWSServiceRoleForECS"]),
            .quiet("task role failure is another rule's", "ECS was unable to assume the role 'arn:aws:iam::111122223333:role/app' that was provided for this task."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.unexplainedSymptoms(of: [.serviceRoleFailed]).map { symptom in
            Self.description.finding(
                title: Self.title, basis: .symptomText, explains: [symptom],
                resources: [.roleName(Self.roleName)] + symptom.resourceList, evidence: [symptom.evidence], fix: Self.fix)
        }
    }
}

// MARK: Messages and fixes

extension ECSServiceRoleRule {
    static let roleName = "AWSServiceRoleForECS"
    static let title = "ECS could not use its service-linked role \(roleName)"

    static let fix = Fix(
        summary: "Make sure the ECS service-linked role exists and is unchanged",
        steps: ["Check that the role \(roleName) exists (it is created with the first cluster or service; deleting it breaks services).",
                "If it is missing, create it (a write you run yourself).",
                "If the service was created with a legacy service role (role parameter), make sure that role still exists and trusts ecs.amazonaws.com."],
        commands: ["aws iam get-role --role-name \(roleName)",
                   "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com"])
}
