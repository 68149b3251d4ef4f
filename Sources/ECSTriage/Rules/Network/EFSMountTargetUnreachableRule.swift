/// An EFS volume the task mounts has no mount target in the task's
/// Availability Zone, or the mount target's security group does not admit NFS.
struct EFSMountTargetUnreachableRule: Rule {
    static let description = RuleDescription(
        id: "efs-mount-target-unreachable", title: "EFS mount target missing or not reachable on 2049", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable], needs: [.taskDefinitions, .mountTargets, .subnets],
        examples: [
            .triggers("mount target only in another AZ", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition().replacingOccurrences(of: #""containerDefinitions""#, with: #""volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0a1b2c3d", "transitEncryption": "ENABLED"}}], "containerDefinitions""#)),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-b", az: "us-east-1b", cidr: "10.0.2.0/24")),
                #""MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-b", "AvailabilityZoneName": "us-east-1b", "LifeCycleState": "available"}]"#),
                resources: ["fs-0a1b2c3d"], confidence: .likely),
            .quiet("mount target in the task's AZ", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition().replacingOccurrences(of: #""containerDefinitions""#, with: #""volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0a1b2c3d"}}], "containerDefinitions""#)),
                Fixture.array("Subnets", Fixture.subnet()),
                #""MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-a", "AvailabilityZoneName": "us-east-1a", "LifeCycleState": "available"}]"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        guard context.index.has(.mountTargets) else { return namedByText(context) }
        var findings: [Finding] = []
        for workload in context.index.workloads where workload.networkMode == "awsvpc" {
            for volume in workload.taskDefinition?.efsVolumes ?? [] {
                let targets = context.index.mountTargets(of: volume.fileSystemId).filter { ($0.lifeCycleState == nil || $0.lifeCycleState?.lowercased() == "available") }
                let symptoms = context.symptoms(of: [.awsServiceUnreachable], on: workload).filter { $0.facts.service == "elasticfilesystem" || $0.facts.service == nil }
                for subnetId in workload.subnetIds {
                    guard let zone = context.index.subnet(subnetId)?.availabilityZone else { continue }
                    let inZone = targets.filter { ($0.availabilityZoneName ?? $0.subnetId.flatMap { context.index.subnet($0)?.availabilityZone }) == zone }
                    if inZone.isEmpty {
                        findings.append(finding(volume.fileSystemId, title: "EFS file system \(volume.fileSystemId) has no mount target in \(zone), where subnet \(subnetId) runs tasks",
                                                evidence: [Evidence(volume.location, "volume \(volume.name) mounts \(volume.fileSystemId)"),
                                                           Evidence("", targets.isEmpty ? "no available mount target for \(volume.fileSystemId)" : "mount targets in: \(targets.compactMap(\.availabilityZoneName).joined(separator: ", "))")],
                                                symptoms: symptoms, workload: workload, subnetId: subnetId, context: context))
                        continue
                    }
                    // The mount target's security groups (through its ENI) must admit NFS from the task.
                    let taskGroups = workload.securityGroupIds
                    for target in inZone {
                        guard let eniId = target.networkInterfaceId, let eni = context.index.networkInterface(eniId),
                              let taskBlock = context.index.subnet(subnetId)?.cidrBlock.flatMap(CIDR.init) else { continue }
                        let groups = eni.securityGroupIds.compactMap(context.index.securityGroup)
                        guard groups.count == eni.securityGroupIds.count, !groups.isEmpty else { continue }
                        let verdict = SecurityGroupEvaluator.ingress(groups, port: 2049, from: .block(taskBlock), peerGroupIds: taskGroups)
                        if verdict.isBlocked {
                            findings.append(finding(volume.fileSystemId, title: "Mount target \(target.mountTargetId) of \(volume.fileSystemId) does not allow NFS (TCP 2049) from the task",
                                                    evidence: [Evidence(groups[0].location + "/IpPermissions", verdict.explanation)],
                                                    symptoms: symptoms, workload: workload, subnetId: subnetId, context: context, groups: eni.securityGroupIds))
                        }
                    }
                }
            }
        }
        return findings
    }

    /// Without mount targets in the snapshot, the mount helper's timeout or
    /// refusal names the cause on its own: the file system's mount target is
    /// missing in the task's zone, or not reachable on 2049.
    private func namedByText(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            guard symptom.facts.service == "elasticfilesystem" else { return nil }
            let fileSystemId = Self.fileSystemId(in: symptom.message)
                ?? workload?.taskDefinition?.efsVolumes.first.map(\.fileSystemId)
            let region = symptom.facts.region.map { " --region \($0)" } ?? ""
            return NamedCauseDetail(
                title: "The task could not mount EFS\(fileSystemId.map { " file system \($0)" } ?? ""): no reachable mount target in its Availability Zone",
                resources: (fileSystemId.map { [.fileSystem($0)] } ?? []) + symptom.resourceList,
                fix: Fix(summary: "Give the file system a mount target in each task subnet's Availability Zone whose security group allows TCP 2049 " +
                                  "from the task",
                         steps: ["Tasks mount EFS through the mount target in their own Availability Zone (the file system's DNS name resolves per zone).",
                                 "The mount target's security groups must allow NFS (TCP 2049) from the task security group; the task's egress must " +
                                 "allow 2049 too.",
                                 "\"Failed to resolve\": the VPC needs DNS resolution and DNS hostnames on, and a mount target in the zone."]),
                missingEvidence: [MissingEvidence(why: "the file system's mount targets, their zones and security groups",
                                                  command: "aws efs describe-mount-targets --file-system-id \(fileSystemId ?? "<fs-id>")\(region)"),
                                  MissingEvidence(why: "the task's subnet (its zone) and security groups",
                                                  command: "aws ecs describe-tasks --cluster \(workload?.clusterName ?? "<cluster>") --tasks " +
                                                           "\(symptom.resource.map(ARN.lastComponent) ?? "<task-id>")\(region)")])
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

    private func finding(_ fileSystemId: String, title: String, evidence: [Evidence], symptoms: [Symptom], workload: Workload,
                         subnetId: String, context: AnalysisContext, groups: [String] = []) -> Finding {
        let taskGroup = workload.securityGroupIds.first ?? "<task-sg-id>"
        let commands = groups.isEmpty
            ? ["aws efs create-mount-target --file-system-id \(fileSystemId) --subnet-id \(subnetId) --security-groups <sg-allowing-2049-from-\(taskGroup)>"]
            : groups.map { "aws ec2 authorize-security-group-ingress --group-id \($0) --ip-permissions 'IpProtocol=tcp,FromPort=2049,ToPort=2049,UserIdGroupPairs=[{GroupId=\(taskGroup)}]'" }
        return Self.description.finding(
            title: title, explains: symptoms,
            resources: [.fileSystem(fileSystemId), .subnet(subnetId), workload.resource], evidence: symptoms.map(\.evidence) + evidence,
            fix: Fix(summary: groups.isEmpty ? "Create a mount target of \(fileSystemId) in the task subnet's Availability Zone" : "Allow TCP 2049 into the mount target's security group from the task security group",
                     steps: ["Tasks mount EFS through the mount target in their own Availability Zone (the file system's DNS name resolves per zone).",
                             "The mount target's security groups must allow NFS (TCP 2049) from the task security group; the task's egress must allow 2049 too."],
                     commands: commands,
                     terraform: "resource \"aws_efs_mount_target\" \"tasks\" {\n  file_system_id  = \"\(fileSystemId)\"\n  subnet_id       = \"\(subnetId)\"\n  security_groups = [aws_security_group.efs.id] # allows 2049 from \(taskGroup)\n}"))
    }
}
