/// The task's network interface could not be created in time, or the subnet has no free address.
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
            for subnetId in workload.subnetIds {
                guard let subnet = context.index.subnet(subnetId), subnet.availableIpAddressCount == 0 else { continue }
                let symptoms = context.symptoms(of: [.eniProvisioningFailed], on: workload)
                claimed.formUnion(symptoms.map(\.id))
                findings.append(Self.description.finding(
                    title: "Subnet \(subnetId) has no free IP address for a task ENI", explains: symptoms, resources: [.subnet(subnetId), workload.resource],
                    evidence: symptoms.map(\.evidence) + [Evidence(subnet.location + "/AvailableIpAddressCount", "\(subnetId) (\(subnet.cidrBlock ?? "?")) has 0 available addresses")],
                    fix: Self.fix(subnets: [subnetId])))
            }
        }
        for symptom in context.symptoms(of: [.eniProvisioningFailed]) where !claimed.contains(symptom.id) {
            let subnets = context.index.workload(for: symptom.resource)?.subnetIds ?? []
            findings.append(Self.description.finding(
                title: "The task's network interface was not provisioned in time", basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList, evidence: [symptom.evidence], fix: Self.fix(subnets: subnets),
                missingEvidence: [MissingEvidence(why: "free addresses in the task subnets", command: "aws ec2 describe-subnets --subnet-ids \(subnets.isEmpty ? "<subnet-id>" : subnets.joined(separator: " ")) --query 'Subnets[].[SubnetId,AvailableIpAddressCount]'")]))
        }
        return findings
    }

    static func fix(subnets: [String]) -> Fix {
        Fix(summary: "Give the tasks subnets with free addresses (larger or more subnets), then retry",
            steps: ["Every awsvpc task takes one address in its subnet; a /28 holds 11 usable addresses.",
                    "Add subnets (in more Availability Zones) to the service's network configuration, or add a larger CIDR.",
                    "A transient ENI timeout resolves on retry; if it persists, check the account's ENI quota per region."],
            commands: ["aws ec2 describe-subnets --subnet-ids \(subnets.isEmpty ? "<subnet-id>" : subnets.joined(separator: " ")) --query 'Subnets[].[SubnetId,CidrBlock,AvailableIpAddressCount]'"])
    }
}
