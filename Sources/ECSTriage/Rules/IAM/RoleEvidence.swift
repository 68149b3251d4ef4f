/// Commands that show what the snapshot lacks about a role, shared by the IAM rules.
enum RolePolicyEvidence {
    /// A role name as IAM allows it (`[\w+=,.@-]`, up to 64): anything else in
    /// a message is not put on a command line.
    static func isRoleName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && !name.hasPrefix("-")
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) }
    }

    /// The role's policies, in the shape ecs-triage reads (`RoleDetailList`).
    static func policies(of roleName: String) -> MissingEvidence {
        let name = isRoleName(roleName) ? roleName : "<role-name>"
        return MissingEvidence(why: "the role's policies, boundary and any explicit Deny (give the output to ecs-triage)",
                               command: "aws iam get-account-authorization-details --filter Role --query \"RoleDetailList[?RoleName=='\(name)']\"")
    }

    /// SCPs on the account, which deny whatever the role's policies allow.
    static func serviceControlPolicies(account: String?) -> MissingEvidence {
        MissingEvidence(why: "an SCP or a resource policy may deny what the role's policies allow",
                        command: "aws organizations list-policies-for-target --target-id \(account ?? "<account-id>") --filter SERVICE_CONTROL_POLICY")
    }
}

/// The task definition a workload runs, as a `--task-definition` argument.
enum TaskDefinitionReference {
    /// `family:revision` from the definition or the service, else a placeholder.
    static func argument(_ workload: Workload?) -> String {
        let reference = workload?.taskDefinition?.familyRevision ?? workload?.service?.taskDefinition.map(ARN.lastComponent)
            ?? workload?.tasks.first?.taskDefinitionArn.map(ARN.lastComponent)
        return reference.map(ShellWord.quoted) ?? "<family:revision>"
    }
}
