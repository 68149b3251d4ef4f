/// ECS could not assume the infrastructure role it was given for a task's
/// Amazon EBS volume (or for Managed Instances). Unlike the task and
/// execution roles, this role is assumed by ECS itself, so its trust policy
/// names `ecs.amazonaws.com`; the caller must also be allowed to pass it.
/// Wording: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshoot-ebs-volumes-scenarios.html;
/// the role, its trust policy, managed policies and PassRole condition:
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html
/// (both read through public Markdown copies, see Tests/ECSTriageTests/Fixtures/corpus/documented-coverage.md).
struct InfrastructureRoleTrustRule: Rule {
    static let description = RuleDescription(
        id: "infrastructure-role-trust", title: "ECS cannot assume the infrastructure role (EBS volumes, Managed Instances)",
        category: .iam, severity: .high, explains: [.infrastructureRoleAssumeFailed],
        examples: [
            .triggers("the EBS volume attachment's status reason",
                      "ECS was unable to assume the configured ECS Infrastructure Role 'arn:aws:iam::111122223333:role/ecsInfrastructureRole'. Please verify that the role being passed has the proper trust relationship with Amazon ECS",
                      resources: ["arn:aws:iam::111122223333:role/ecsInfrastructureRole"], confidence: .likely),
            .triggers("the same reason without the role's ARN", "ECS was unable to assume the configured ECS Infrastructure Role",
                      resources: [""], confidence: .likely),
            .quiet("the execution role's assume failure is another rule's", "service webapp-1 failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::123456789:role/ecsTaskExecutionRole' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.)."),
            .quiet("EBS volume set-up failures of other causes", "ECS timed out while configuring the EBS volume attachment to your Task"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            guard let roleArn = symptom.facts.roleArn else {
                return NamedCauseDetail(title: Self.title(nil), resources: symptom.resourceList, fix: Self.fix(nil),
                                        missingEvidence: [Self.candidateRoles])
            }
            let role = AssumedRole(arn: roleArn, servicePrincipal: Self.ecsPrincipal, managedPolicyArns: [Self.volumesPolicyArn])
            return NamedCauseDetail(title: Self.title(role.roleName), resources: [.arn(roleArn)] + symptom.resourceList,
                                    fix: Self.fix(role), missingEvidence: Self.roleChecks(role.roleName))
        }
    }
}

// MARK: Messages and fixes

extension InfrastructureRoleTrustRule {
    static let ecsPrincipal = "ecs.amazonaws.com"
    static let volumesPolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes"
    static let managedInstancesPolicyArn = "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances"

    static func title(_ roleName: String?) -> String {
        guard let roleName else { return "ECS cannot assume the infrastructure role it was given for the task's EBS volume" }
        return "ECS cannot assume the infrastructure role \(roleName): its trust policy must allow ecs.amazonaws.com"
    }

    static let steps = [
        "The infrastructure role is assumed by ECS itself: its trust policy must let ecs.amazonaws.com (not ecs-tasks.amazonaws.com) call sts:AssumeRole.",
        "Attach AmazonECSInfrastructureRolePolicyForVolumes for EBS volumes (AmazonECSInfrastructureRolePolicyForManagedInstances for Managed Instances).",
        "Whoever creates the service or runs the task needs iam:PassRole on the role, with the condition iam:PassedToService = ecs.amazonaws.com.",
        "A role created or changed moments ago can take a few minutes to propagate: retry once before changing more.",
    ]

    static func fix(_ role: AssumedRole?) -> Fix {
        guard let role else {
            return Fix(summary: "Give the service or task an infrastructure role that trusts ecs.amazonaws.com and may manage EBS volumes", steps: steps)
        }
        return Fix(summary: "Let ecs.amazonaws.com assume \(role.roleName), attach AmazonECSInfrastructureRolePolicyForVolumes, and allow passing it",
                   steps: steps,
                   commands: [role.updateTrustCommand] + role.managedPolicyArns.map {
                       "aws iam attach-role-policy --role-name \(ShellWord.quoted(role.roleName)) --policy-arn \($0)"
                   },
                   terraform: role.terraform)
    }

    static func roleChecks(_ roleName: String) -> [MissingEvidence] {
        [MissingEvidence(why: "the trust policy decides whether ecs.amazonaws.com may assume the role",
                         command: "aws iam get-role --role-name \(ShellWord.quoted(roleName)) --query Role.AssumeRolePolicyDocument"),
         MissingEvidence(why: "the role needs the EBS volume (or Managed Instances) permissions once assumed",
                         command: "aws iam list-attached-role-policies --role-name \(ShellWord.quoted(roleName))")]
    }

    static let candidateRoles = MissingEvidence(
        why: "the roles ECS itself may assume, one of which the service or task should name as its infrastructure role",
        command: "aws iam list-roles --query \"Roles[?contains(to_string(AssumeRolePolicyDocument), 'ecs.amazonaws.com')].Arn\"")
}
