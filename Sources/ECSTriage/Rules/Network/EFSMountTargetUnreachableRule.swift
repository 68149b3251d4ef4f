/// An EFS volume the task mounts has no mount target in the Availability
/// Zone it runs in, or the mount target's security groups do not admit NFS
/// (TCP 2049) from it. The groups come from the mount target's ENI, or from
/// `describe-mount-target-security-groups` output.
struct EFSMountTargetUnreachableRule: Rule {
    static let description = RuleDescription(
        id: "efs-mount-target-unreachable", title: "EFS mount target missing or not reachable on 2049", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable], needs: [.taskDefinitions, .mountTargets, .subnets],
        examples: [
            .triggers("mount target only in another AZ", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraJSON: Self.efsVolume)),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-b", az: "us-east-1b", cidr: "10.0.2.0/24")),
                #""MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-b", "AvailabilityZoneName": "us-east-1b", "LifeCycleState": "available"}]"#),
                resources: ["fs-0a1b2c3d"], confidence: .likely),
            .triggers("mount target group admits only a bastion (describe-mount-target-security-groups)", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraJSON: Self.efsVolume)),
                Fixture.array("Subnets", Fixture.subnet()),
                #""MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-a", "AvailabilityZoneName": "us-east-1a", "LifeCycleState": "available"}]"#,
                #""MountTargetSecurityGroups": {"fsmt-1": ["sg-efs"]}"#,
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task"), Fixture.securityGroup("sg-efs", allowing: 2049...2049, from: "sg-bastion"))),
                resources: ["fs-0a1b2c3d"], confidence: .likely),
            .quiet("mount target in the task's AZ", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraJSON: Self.efsVolume)),
                Fixture.array("Subnets", Fixture.subnet()),
                #""MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-a", "AvailabilityZoneName": "us-east-1a", "LifeCycleState": "available"}]"#)),
            .quiet("a mount target in every zone the tasks use, its group admitting the tasks", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", subnets: ["subnet-a", "subnet-b"])),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraJSON: Self.efsVolume)),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-b", az: "us-east-1b", cidr: "10.0.2.0/24")),
                #""MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-a", "AvailabilityZoneName": "us-east-1a", "LifeCycleState": "available"}, {"MountTargetId": "fsmt-2", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-b", "AvailabilityZoneName": "us-east-1b", "LifeCycleState": "available"}]"#,
                #""MountTargetSecurityGroups": {"fsmt-1": ["sg-efs"], "fsmt-2": ["sg-efs"]}"#,
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task"), Fixture.securityGroup("sg-efs", allowing: 2049...2049, from: "sg-task")))),
        ])

    static let efsVolume = #", "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0a1b2c3d", "transitEncryption": "ENABLED"}}]"#

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        guard context.index.has(.mountTargets) else { return Self.namedByText(context) }
        // A missing mount target: one finding per file system; a group that does not admit NFS: one per group.
        let check = BlockedHopCheck(description: Self.description, kinds: [.mountTarget, .mountTargetSecurityGroup],
                                    groupKey: { "\($0.kind.rawValue)|\($0.location)" })
        return check.blocked(context).compactMap { blocked in
            guard let fileSystemId = blocked.paths.first?.dependency.fileSystemId else { return nil }
            if blocked.hop.kind == .mountTarget {
                let plan = Self.mountTargetCreation(fileSystemId, blocked: blocked, context: context)
                return check.finding(blocked, context, title: Self.missingTitle(fileSystemId, blocked, context), resources: [.fileSystem(fileSystemId)],
                                     fix: plan.fix, missingEvidence: plan.missing)
            }
            let groups = blocked.everyPath.compactMap(\.mountTarget).compactMap { context.index.securityGroups(ofMountTarget: $0)?.groupIds.first }.uniqued()
            let rules = groups.map { Self.nfsRule(into: .literal($0), from: blocked.origin, context: context) }
            return check.finding(blocked, context, title: Self.groupTitle(fileSystemId, blocked),
                                 resources: [.fileSystem(fileSystemId)] + groups.map(ResourceID.securityGroup), fix: Self.groupFix(groups, rules: rules))
        }
    }
}

// MARK: Messages and fixes

extension EFSMountTargetUnreachableRule {
    /// Without mount targets in the snapshot, the mount helper's timeout or refusal names the
    /// cause on its own: the file system's mount target is missing in the task's zone, or not reachable on 2049.
    static func namedByText(_ context: AnalysisContext) -> [Finding] {
        description.namedCauseFindings(context) { symptom, workload in
            guard symptom.facts.service == "elasticfilesystem" else { return nil }
            let fileSystemId = fileSystemId(in: symptom.message) ?? workload?.taskDefinition?.efsVolumes.first.map(\.fileSystemId)
            return NamedCauseDetail(title: textTitle(fileSystemId), resources: (fileSystemId.map { [.fileSystem($0)] } ?? []) + symptom.resourceList,
                                    fix: textFix(), missingEvidence: textMissingEvidence(fileSystemId, symptom: symptom, workload: workload))
        }
    }

    /// `fs-0a8d5c2e7b1f93d46` in a mount helper message.
    static func fileSystemId(in message: String) -> String? {
        var rest = message[...]
        while let range = rest.byteRange(of: "fs-") {
            let startsWord = range.lowerBound == message.startIndex || !message[message.index(before: range.lowerBound)].isLetter
            let id = message[range.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if startsWord, id.count > 3 { return String(id) }
            rest = message[range.upperBound...]
        }
        return nil
    }

    static func textTitle(_ fileSystemId: String?) -> String {
        "The task could not mount EFS\(fileSystemId.map { " file system \($0)" } ?? ""): no reachable mount target in its Availability Zone"
    }

    static func textFix() -> Fix {
        Fix(summary: "Give the file system a mount target in each task subnet's Availability Zone whose security group allows TCP 2049 from the task",
            steps: ["Tasks mount EFS through the mount target in their own Availability Zone (the file system's DNS name resolves per zone).",
                    "The mount target's security groups must allow NFS (TCP 2049) from the task security group; the task's egress must allow 2049 too.",
                    "\"Failed to resolve\": the VPC needs DNS resolution and DNS hostnames on, and a mount target in the zone."])
    }

    static func textMissingEvidence(_ fileSystemId: String?, symptom: Symptom, workload: Workload?) -> [MissingEvidence] {
        let region = symptom.facts.region.map { " --region \($0)" } ?? ""
        let cluster = workload.map { ShellWord.quoted($0.clusterName) } ?? "<cluster>"
        let task = symptom.resource.map { ShellWord.quoted(ARN.lastComponent($0)) } ?? "<task-id>"
        return [MissingEvidence(why: "the file system's mount targets, their zones and security groups",
                                command: "aws efs describe-mount-targets --file-system-id \(fileSystemId.map(ShellWord.quoted) ?? "<fs-id>")\(region)"),
                MissingEvidence(why: "the task's subnet (its zone) and security groups",
                                command: "aws ecs describe-tasks --cluster \(cluster) --tasks \(task)\(region)")]
    }

    static func missingTitle(_ fileSystemId: String, _ blocked: BlockedHopCheck.Blocked, _ context: AnalysisContext) -> String {
        let zones = blocked.subnetIds.compactMap { context.index.subnet($0)?.availabilityZone }.uniqued()
        let place = zones.isEmpty ? "the tasks' Availability Zone" : zones.joined(separator: ", ")
        let subnets = blocked.subnetIds
        let run = subnets.count == 1 ? "runs" : "run"
        return "EFS file system \(fileSystemId) has no mount target in \(place), where \(subnets.joined(separator: ", ")) \(run) tasks"
    }

    static func groupTitle(_ fileSystemId: String, _ blocked: BlockedHopCheck.Blocked) -> String {
        let targets = blocked.everyPath.compactMap(\.mountTarget).map(\.mountTargetId).uniqued()
        let subject = targets.count == 1 ? "Mount target \(targets[0]) of \(fileSystemId) does not"
            : "Mount targets \(targets.joined(separator: ", ")) of \(fileSystemId) do not"
        return "\(subject) allow NFS (TCP 2049) from \(blocked.origin.noun)"
    }

    /// 2049 from the origin's groups, else from its subnet's block.
    static func nfsRule(into group: FixValue, from origin: NetworkOrigin, context: AnalysisContext) -> SecurityGroupRule {
        let peers: [SecurityGroupRule.Peer] = origin.securityGroupIds.isEmpty
            ? [.cidr(context.index.subnet(origin.subnetId)?.cidrBlock ?? "<task-subnet-cidr>")]
            : origin.securityGroupIds.map { .group(.literal($0)) }
        return SecurityGroupRule(group: group, direction: .ingress, ports: 2049...2049, peers: peers, label: "efs_nfs_in")
    }

    /// A mount target per zone that lacks one, in the first blocked subnet of that zone, with a
    /// group admitting NFS: an existing mount target's group that already admits the tasks, or one created first.
    static func mountTargetCreation(_ fileSystemId: String, blocked: BlockedHopCheck.Blocked,
                                    context: AnalysisContext) -> (fix: Fix, missing: [MissingEvidence]) {
        let index = context.index
        let subnets = NetworkFixes.onePerZone(blocked.subnetIds, index: index)
        let originBlock = index.subnet(blocked.origin.subnetId)?.cidrBlock.flatMap(CIDR.init)
        let existing = index.mountTargets(of: fileSystemId).compactMap { index.securityGroups(ofMountTarget: $0)?.groupIds }.flatMap { $0 }.uniqued()
        let admitting = existing.first { id in
            guard let group = index.securityGroup(id), let originBlock else { return false }
            return SecurityGroupEvaluator.ingress([group], port: 2049, from: .block(originBlock), peerGroupIds: blocked.origin.securityGroupIds).isAllowed
        }
        var commands: [String] = []
        var terraform: [String] = []
        let group: FixValue
        if let admitting {
            group = .literal(admitting)
        } else if let vpcId = index.subnet(blocked.origin.subnetId)?.vpcId {
            let creation = SecurityGroupCreation(variable: "efs_sg", name: "\(fileSystemId)-mount-targets",
                                                 description: "NFS from ECS tasks to \(fileSystemId)", vpcId: vpcId, terraformLabel: "efs")
            let rule = nfsRule(into: creation.value, from: blocked.origin, context: context)
            commands += [creation.command] + rule.commands
            terraform += [creation.terraform, rule.terraform]
            group = creation.value
        } else {
            group = .literal("<sg-allowing-2049-from-the-tasks>")
        }
        for subnet in subnets {
            commands.append("aws efs create-mount-target --file-system-id \(ShellWord.quoted(fileSystemId)) --subnet-id \(ShellWord.quoted(subnet)) "
                            + "--security-groups \(group.shell)")
            terraform.append("""
            resource "aws_efs_mount_target" "\(TerraformName.label(subnet))" {
              file_system_id  = "\(fileSystemId)"
              subnet_id       = "\(subnet)"
              security_groups = [\(group.terraform)]
            }
            """)
        }
        var missing: [MissingEvidence] = []
        if case .literal("<sg-allowing-2049-from-the-tasks>") = group {
            missing.append(MissingEvidence(why: "the VPC of \(blocked.origin.subnetId), for the mount target's security group",
                                           command: "aws ec2 describe-subnets --subnet-ids \(ShellWord.quoted(blocked.origin.subnetId))"))
        }
        let fix = Fix(summary: "Create a mount target of \(fileSystemId) in \(subnets.joined(separator: ", "))",
                      steps: ["Tasks mount EFS through the mount target in their own Availability Zone: the file system's DNS name resolves to it.",
                              "The mount target's security groups must admit NFS (TCP 2049) from the tasks; the tasks' egress must allow 2049 too."],
                      commands: commands, terraform: terraform.joined(separator: "\n\n"))
        return (fix, missing)
    }

    static func groupFix(_ groups: [String], rules: [SecurityGroupRule]) -> Fix {
        Fix(summary: "Allow TCP 2049 into \(groups.joined(separator: ", ")) from the tasks",
            steps: ["The mount target's security groups must admit NFS (TCP 2049) from the tasks' security group.",
                    "Referencing the task security group keeps working when subnets change."],
            commands: rules.flatMap(\.commands), terraform: rules.map(\.terraform).joined(separator: "\n\n"))
    }
}
