/// A role an AWS service assumes for the task (an execution or task role,
/// trusted by `ecs-tasks.amazonaws.com`) or for a container instance
/// (trusted by `ec2.amazonaws.com`), as the commands that create it or
/// repair its trust policy, and the matching Terraform: every rule that
/// creates a role or rewrites a trust policy builds its fix here.
struct AssumedRole {
    var roleName: String
    /// The role's path when its ARN has one (`/service-role/`); nil for `/`.
    var path: String?
    var servicePrincipal: String
    /// Managed policies the role needs from the start.
    var managedPolicyArns: [String]

    static let ecsTasks = "ecs-tasks.amazonaws.com"
    static let executionRolePolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    static let containerInstancePolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"

    /// The role a role ARN names, its path kept (`arn:aws:iam::1:role/service-role/x`).
    init(arn: String, servicePrincipal: String = ecsTasks, managedPolicyArns: [String] = []) {
        roleName = ARN.roleName(arn)
        let resource = ARN.field(arn, 5) ?? ""
        let inner = resource.hasPrefix("role/") ? String(resource.dropFirst("role/".count)) : ""
        path = inner.contains("/") ? "/" + inner.split(separator: "/").dropLast().joined(separator: "/") + "/" : nil
        self.servicePrincipal = servicePrincipal
        self.managedPolicyArns = managedPolicyArns
    }

    init(name: String, servicePrincipal: String = ecsTasks, managedPolicyArns: [String] = []) {
        roleName = name
        path = nil
        self.servicePrincipal = servicePrincipal
        self.managedPolicyArns = managedPolicyArns
    }

    /// A new role for a definition that names none, after its family
    /// (`web-task-role`), within IAM's 64 characters.
    static func named(after definition: TaskDefinition, suffix: String, managedPolicyArns: [String] = []) -> AssumedRole {
        let family = definition.family ?? String(definition.familyRevision.prefix { $0 != ":" })
        return AssumedRole(name: String(family.prefix(64 - suffix.count)) + suffix, managedPolicyArns: managedPolicyArns)
    }

    /// The ARN the role has once created in `account`.
    func arn(account: String, partition: String = "aws") -> String {
        "arn:\(partition):iam::\(account):role\(path ?? "/")\(roleName)"
    }

    /// The trust policy: the service principal may call sts:AssumeRole.
    var trustDocument: String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"\#(servicePrincipal)"},"Action":"sts:AssumeRole"}]}"#
    }

    /// `create-role` with the trust policy, then one `attach-role-policy` per managed policy.
    var createCommands: [String] {
        let pathOption = path.map { " --path \(ShellWord.quoted($0))" } ?? ""
        return ["aws iam create-role --role-name \(ShellWord.quoted(roleName))\(pathOption) --assume-role-policy-document '\(trustDocument)'"]
            + managedPolicyArns.map { "aws iam attach-role-policy --role-name \(ShellWord.quoted(roleName)) --policy-arn \($0)" }
    }

    /// `update-assume-role-policy`: replaces the whole trust policy.
    var updateTrustCommand: String {
        "aws iam update-assume-role-policy --role-name \(ShellWord.quoted(roleName)) --policy-document '\(trustDocument)'"
    }

    /// Terraform's name for the role resource.
    var terraformLabel: String { TerraformName.label(roleName) }

    /// An `aws_iam_role` with the trust policy and an attachment per managed policy.
    var terraform: String {
        var lines = ["resource \"aws_iam_role\" \"\(terraformLabel)\" {",
                     "  name               = \(TerraformName.string(roleName))"]
        if let path { lines.append("  path               = \(TerraformName.string(path))") }
        lines += ["  assume_role_policy = jsonencode({",
                  "    Version   = \"2012-10-17\"",
                  "    Statement = [{ Effect = \"Allow\", Principal = { Service = \"\(servicePrincipal)\" }, Action = \"sts:AssumeRole\" }]",
                  "  })",
                  "}"]
        for policy in managedPolicyArns {
            lines += ["resource \"aws_iam_role_policy_attachment\" \"\(terraformLabel)_\(TerraformName.label(ARN.lastComponent(policy)))\" {",
                      "  role       = aws_iam_role.\(terraformLabel).name",
                      "  policy_arn = \"\(policy)\"",
                      "}"]
        }
        return lines.joined(separator: "\n")
    }
}
