/// A change to the launch template container instances start from, printed
/// as commands that run top to bottom (a new template version from the
/// latest, then an instance refresh of the Auto Scaling group: running
/// instances keep what they were launched with) and as the matching
/// `aws_launch_template` Terraform, both from the same values. Every rule
/// that changes how container instances are launched builds its fix here.
///
/// The template and the group come from the instances' own tags
/// (`aws:ec2launchtemplate:id`, `aws:autoscaling:groupName`, which EC2 and
/// Auto Scaling put on the instances they launch) when `describe-instances`
/// is in the input; else they are placeholders, and `missingEvidence` reads
/// those tags.
struct LaunchTemplateChange {
    /// The container instances' cluster, written into `ECS_CLUSTER` by the user data.
    var clusterForUserData: String?
    var instanceType: String?
    /// The instances launched from the template, to read its id from.
    var instanceIds: [String]
    var launchTemplateId: String?
    var autoScalingGroupName: String?

    /// The change for these instances; the template and group are theirs when they all share one.
    init(clusterForUserData: String? = nil, instanceType: String? = nil, instanceIds: [String], index: SnapshotIndex? = nil) {
        self.clusterForUserData = clusterForUserData
        self.instanceType = instanceType
        self.instanceIds = instanceIds
        let instances = instanceIds.compactMap { index?.instance($0) }
        let templates = Set(instances.map(\.launchTemplateId))
        let groups = Set(instances.map(\.autoScalingGroupName))
        launchTemplateId = instances.count == instanceIds.count && templates.count == 1 ? templates.first! : nil
        autoScalingGroupName = instances.count == instanceIds.count && groups.count == 1 ? groups.first! : nil
    }

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
        commands.append("aws ec2 create-launch-template-version --launch-template-id \(launchTemplateId.map(ShellWord.quoted) ?? "<launch-template-id>") "
                        + "--source-version '$Latest' --launch-template-data \"{\(data.joined(separator: ","))}\"")
        commands.append(instanceRefresh)
        return commands
    }

    /// What the commands assume about the group.
    static let versionNote = "The instance refresh launches the template version the Auto Scaling group names: "
        + "if it names a fixed version rather than $Latest or $Default, point it at the new one first."

    /// Replaces the group's instances with ones launched from the template's latest version.
    var instanceRefresh: String {
        "aws autoscaling start-instance-refresh --auto-scaling-group-name \(autoScalingGroupName.map(ShellWord.quoted) ?? "<auto-scaling-group>")"
    }

    var missingEvidence: [MissingEvidence] {
        guard launchTemplateId == nil || autoScalingGroupName == nil else { return [] }
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
