/// The Auto Scaling group behind an EC2 capacity provider cannot launch
/// instances (an EC2 vCPU quota, no Spot capacity, a launch template EC2
/// rejects), so the cluster stays without container instances and tasks
/// wait or fail with "No Container Instances were found". The wording is
/// Auto Scaling's activity status (documented.jsonl family auto-scaling-cannot-launch).
struct AutoScalingCannotLaunchRule: Rule {
    static let description = RuleDescription(
        id: "auto-scaling-cannot-launch", title: "The Auto Scaling group cannot launch container instances", category: .capacity,
        severity: .critical, explains: [.autoScalingLaunchFailed],
        examples: [
            .triggers("vCPU quota", "Launching a new EC2 instance. Status Reason: You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit. Launching EC2 instance failed.",
                      resources: [""], confidence: .likely),
            .triggers("no Spot capacity", "Launching a new EC2 instance.  Status Reason: Could not launch Spot Instances. UnfulfillableCapacity - Unable to fulfill capacity due to your request configuration. Please adjust your request and try again. Launching EC2 instance failed.",
                      resources: [""], confidence: .likely),
            .quiet("a successful launch", "Launching a new EC2 instance: i-0c1f7a9e3b25d4f81"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            let reason = Self.reason(symptom.message)
            return NamedCauseDetail(
                title: "The Auto Scaling group cannot launch instances: \(reason.title)",
                resources: symptom.resourceList,
                fix: Self.fix(reason, region: context.index.region),
                missingEvidence: [MissingEvidence(why: "which Auto Scaling group backs the cluster's capacity provider (<auto-scaling-group>)",
                                                  command: "aws ecs describe-capacity-providers --query " +
                                                           "'capacityProviders[].[name,autoScalingGroupProvider.autoScalingGroupArn]'")])
        }
    }
}

// MARK: Messages and fixes

extension AutoScalingCannotLaunchRule {
    enum Reason {
        case vcpuQuota, spotCapacity, other

        var title: String {
            switch self {
            case .vcpuQuota: return "the account's EC2 vCPU quota is reached"
            case .spotCapacity: return "no Spot capacity for the requested instance types"
            case .other: return "EC2 rejected the launch"
            }
        }
    }

    static func reason(_ message: String) -> Reason {
        let text = message.lowercased()
        if text.contains("vcpu limit") || text.contains("vcpu capacity") { return .vcpuQuota }
        if text.contains("spot") { return .spotCapacity }
        return .other
    }

    static func fix(_ reason: Reason, region: String?) -> Fix {
        let regionOption = region.map { " --region \(ShellWord.quoted($0))" } ?? ""
        var steps = ["Auto Scaling retries the launch; until one succeeds the capacity provider has no instance to place tasks on."]
        var commands = ["aws autoscaling describe-scaling-activities --auto-scaling-group-name <auto-scaling-group> --max-items 10\(regionOption)"]
        switch reason {
        case .vcpuQuota:
            steps.append("EC2 counts running On-Demand vCPUs per instance family group and Region: request a higher quota in Service Quotas, or use " +
                         "fewer or smaller instances.")
            commands.append("aws service-quotas list-service-quotas --service-code ec2\(regionOption) --query 'Quotas[].[QuotaCode,QuotaName,Value]' " +
                            "--output table")
        case .spotCapacity:
            steps.append("Spot has no capacity for the requested types in those Availability Zones: allow more instance types (a mixed instances " +
                         "policy), more subnets, or an On-Demand base.")
            steps.append("\"not eligible for Free Tier\": the account or the instance type cannot be launched as requested; choose a supported type.")
        case .other:
            steps.append("The status reason names EC2's refusal: a missing launch template or AMI, an instance profile or security group that does not " +
                         "exist, or an unsupported instance type.")
        }
        steps.append("Then check that new instances register in the cluster (ECS_CLUSTER in the user data, the instance role).")
        return Fix(summary: "Make the Auto Scaling group able to launch instances: \(reason.title)", steps: steps, commands: commands)
    }
}
