/// The task's network interface could not be created in time, or the subnet
/// has no free address (every awsvpc task takes one address in its subnet).
struct ENIProvisioningFailedRule: Rule {
    static let description = RuleDescription(
        id: "eni-provisioning-failed", title: "Task network interface could not be provisioned", category: .capacity,
        severity: .critical, explains: [.eniProvisioningFailed], needs: [.subnets],
        examples: [
            .triggers("timeout", "Timeout waiting for network interface provisioning to complete.", resources: [""], confidence: .likely),
            .triggers("subnet without free addresses", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                #""Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/28", "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 0}]"#),
                resources: ["subnet-a"], confidence: .likely),
            .quiet("subnet with addresses", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for workload in context.index.workloads where workload.networkMode == "awsvpc" {
            let full = workload.subnetIds.compactMap(context.index.subnet).filter { $0.availableIpAddressCount == 0 }
            for subnet in full {
                let symptoms = context.symptoms(of: [.eniProvisioningFailed], on: workload)
                claimed.formUnion(symptoms.map(\.id))
                findings.append(Self.description.finding(
                    title: Self.fullSubnetTitle(subnet), explains: symptoms, resources: [.subnet(subnet.subnetId), workload.resource],
                    evidence: symptoms.map(\.evidence) + [Self.fullSubnetEvidence(subnet)],
                    fix: Self.fix(workload, full: full.map(\.subnetId), index: context.index),
                    missingEvidence: Self.freeSubnetsMissing(workload, index: context.index)))
            }
        }
        for symptom in context.symptoms(of: [.eniProvisioningFailed]) where !claimed.contains(symptom.id) {
            let workload = context.index.workload(for: symptom.resource)
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            findings.append(Self.description.finding(
                title: Self.timeoutTitle, basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: Self.timeoutFix(workload?.subnetIds ?? []),
                missingEvidence: Self.addressesMissing(workload?.subnetIds ?? [], target: target)))
        }
        return findings
    }
}

// MARK: Messages and fixes

extension ENIProvisioningFailedRule {
    static let timeoutTitle = "The task's network interface was not provisioned in time"

    static func fullSubnetTitle(_ subnet: Subnet) -> String {
        "Subnet \(subnet.subnetId) has no free IP address for a task ENI"
    }

    static func fullSubnetEvidence(_ subnet: Subnet) -> Evidence {
        Evidence(subnet.location + "/AvailableIpAddressCount", "\(subnet.subnetId) (\(subnet.cidrBlock ?? "CIDR unknown")) has 0 available addresses")
    }

    /// Moves the service to its subnets that have room, plus one to choose:
    /// the snapshot cannot tell which other subnet of the VPC should hold tasks.
    static func fix(_ workload: Workload, full: [String], index: SnapshotIndex) -> Fix {
        var steps = ["Every awsvpc task takes one address in its subnet; a /28 holds 11 usable addresses.",
                     "Add subnets with free addresses (in more Availability Zones) to the service's network configuration, or add a larger CIDR."]
        var commands = [describeSubnets(workload.subnetIds)]
        if let service = workload.service {
            let kept = workload.subnetIds.filter { !full.contains($0) }
            let update = ServiceUpdate(target: ServiceCoordinates(cluster: workload.clusterArn.map(ARN.clusterName), service: service.serviceName),
                                       changes: [.networkConfiguration(subnets: kept + ["<subnet-with-free-addresses>"],
                                                                       securityGroups: workload.securityGroupIds,
                                                                       assignPublicIp: workload.publicIp == .enabled)])
            commands.append(update.command)
            return Fix(summary: "Give the tasks subnets with free addresses (larger or more subnets), then retry", steps: steps,
                       commands: commands, terraform: update.terraform)
        }
        steps.append("Run the task again in a subnet with free addresses (run-task --network-configuration).")
        return Fix(summary: "Give the tasks subnets with free addresses (larger or more subnets), then retry", steps: steps, commands: commands)
    }

    static func timeoutFix(_ subnets: [String]) -> Fix {
        Fix(summary: "Retry; if it persists, give the tasks subnets with free addresses and check the account's network interface quota",
            steps: ["A transient ENI timeout resolves on retry (services retry by themselves).",
                    "Every awsvpc task takes one address in its subnet: a full subnet fails the same way.",
                    "Check the Region's network interface quota (VPC, Network interfaces per Region)."],
            commands: (subnets.isEmpty ? [] : [describeSubnets(subnets)])
                + ["aws service-quotas list-service-quotas --service-code vpc "
                   + "--query \"Quotas[?QuotaName=='Network interfaces per Region'].[QuotaCode,Value]\""])
    }

    static func describeSubnets(_ subnets: [String]) -> String {
        "aws ec2 describe-subnets --subnet-ids \(subnets.map(ShellWord.quoted).joined(separator: " ")) "
            + "--query 'Subnets[].[SubnetId,CidrBlock,AvailableIpAddressCount]'"
    }

    /// The VPC's subnets with their free addresses: where the placeholder subnet comes from.
    static func freeSubnetsMissing(_ workload: Workload, index: SnapshotIndex) -> [MissingEvidence] {
        guard workload.service != nil else { return [] }
        let vpc = workload.subnetIds.lazy.compactMap { index.subnet($0)?.vpcId }.first
        return [MissingEvidence(why: "a subnet of the VPC with free addresses for <subnet-with-free-addresses>",
                                command: "aws ec2 describe-subnets --filters Name=vpc-id,Values=\(vpc.map(ShellWord.quoted) ?? "<vpc-id>") "
                                    + "--query 'Subnets[].[SubnetId,AvailabilityZone,AvailableIpAddressCount]'")]
    }

    static func addressesMissing(_ subnets: [String], target: ServiceCoordinates) -> [MissingEvidence] {
        if !subnets.isEmpty {
            return [MissingEvidence(why: "free addresses in the task subnets", command: describeSubnets(subnets))]
        }
        return target.missingEvidence + [MissingEvidence(
            why: "the task subnets, then their free addresses (describe-subnets --subnet-ids ...)",
            command: "aws ecs describe-services --cluster \(target.clusterWord) --services \(target.serviceWord) "
                + "--query 'services[0].networkConfiguration.awsvpcConfiguration.subnets'")]
    }
}
