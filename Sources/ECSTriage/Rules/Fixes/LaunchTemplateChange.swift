/// A change to the launch template container instances start from, printed
/// as commands that run top to bottom (a new template version from the
/// latest, then an instance refresh of the Auto Scaling group: running
/// instances keep what they were launched with) and as the matching
/// `aws_launch_template` Terraform, both from the same values. Every rule
/// that changes how container instances are launched builds its fix here.
///
/// Neither the template nor the group is in a snapshot: they are
/// placeholders, and `missingEvidence` reads them from the instances' own
/// tags (`aws:ec2launchtemplate:id`, `aws:autoscaling:groupName`, which EC2
/// and Auto Scaling put on the instances they launch).
struct LaunchTemplateChange {
    /// The container instances' cluster, written into `ECS_CLUSTER` by the user data.
    var clusterForUserData: String?
    var instanceType: String?
    /// The instances launched from the template, to read its id from.
    var instanceIds: [String]

    var commands: [String] {
        var commands: [String] = []
        var data: [String] = []
        if let cluster = clusterForUserData {
            // The agent reads ECS_CLUSTER from /etc/ecs/ecs.config and joins the cluster `default` without it
            // (aws/amazon-ecs-agent agent/config/config.go, `DefaultClusterName = "default"`, at 8dfceca6).
            // printf's %s keeps the name literal; base64 without line breaks, as the API takes it.
            commands.append("user_data=$(printf '#!/bin/bash\\necho ECS_CLUSTER=%s >> /etc/ecs/ecs.config\\n' \(ShellWord.quoted(cluster)) "
                            + "| base64 | tr -d '\\n')")
            data.append("\\\"UserData\\\":\\\"$user_data\\\"")
        }
        if let instanceType {
            data.append("\\\"InstanceType\\\":\\\"\(instanceType)\\\"")
        }
        commands.append("aws ec2 create-launch-template-version --launch-template-id <launch-template-id> --source-version '$Latest' "
                        + "--launch-template-data \"{\(data.joined(separator: ","))}\"")
        commands.append("aws autoscaling start-instance-refresh --auto-scaling-group-name <auto-scaling-group>")
        return commands
    }

    var missingEvidence: [MissingEvidence] {
        let ids = instanceIds.isEmpty ? "<instance-id>" : instanceIds.map(ShellWord.quoted).joined(separator: " ")
        return [MissingEvidence(why: "the launch template and Auto Scaling group the container instances come from",
                                command: "aws ec2 describe-instances --instance-ids \(ids) --query "
                                    + "'Reservations[].Instances[].Tags[?Key==`aws:ec2launchtemplate:id` || Key==`aws:autoscaling:groupName`]'")]
    }

    /// An `aws_launch_template` with the changed arguments; the others stay as configured.
    var terraform: String {
        var lines = ["resource \"aws_launch_template\" \"\(TerraformName.label((clusterForUserData ?? "ecs") + "_container_instances"))\" {"]
        if let instanceType { lines.append("  instance_type = \(HCLString.quoted(instanceType))") }
        lines.append("  # image_id, iam_instance_profile, network interfaces and the other settings: as in your configuration")
        if let cluster = clusterForUserData {
            lines += ["  user_data = base64encode(<<-EOT", "    #!/bin/bash",
                      "    echo ECS_CLUSTER=\(cluster.replacingOccurrences(of: "${", with: "$${")) >> /etc/ecs/ecs.config", "  EOT", "  )"]
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
