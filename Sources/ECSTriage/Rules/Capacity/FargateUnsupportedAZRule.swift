/// "Reason: Internal error." when placing Fargate tasks: most often a subnet
/// in an Availability Zone where Fargate does not run.
struct FargateUnsupportedAZRule: Rule {
    static let description = RuleDescription(
        id: "fargate-unsupported-az", title: "Fargate task placed in an unsupported Availability Zone", category: .capacity,
        severity: .high, explains: [.placementInternalError], needs: [.subnets],
        examples: [
            .triggers("internal error", "service (service-name) was unable to place a task. Reason: Internal error.", resources: [""], confidence: .likely),
            .quiet("quota is another rule's", "You've reached the limit on the number of tasks you can run concurrently"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let subnets = workload?.subnetIds ?? []
            let zones = subnets.compactMap { id in context.index.subnet(id).map { "\(id): \($0.availabilityZone ?? "?") (\($0.availabilityZoneId ?? "zone id unknown"))" } }
            return NamedCauseDetail(
                title: "Fargate could not place the task: a task subnet is likely in an Availability Zone Fargate does not support",
                resources: symptom.resourceList,
                fix: Fix(summary: "Remove subnets in Availability Zones without Fargate from the service's network configuration",
                         steps: ["Fargate is not available in every Availability Zone (for example apne1-az3 in ap-northeast-1; use1-az3 in us-east-1 for Windows tasks); zone ids, not names, identify them across accounts."]
                            + (zones.isEmpty ? [] : ["Task subnets: \(zones.joined(separator: "; "))."])
                            + ["Use subnets in other zones, then redeploy. If all zones are supported, retry: the error can also be transient."],
                         commands: ["aws ec2 describe-subnets --subnet-ids \(subnets.isEmpty ? "<subnet-ids>" : subnets.joined(separator: " ")) --query 'Subnets[].[SubnetId,AvailabilityZone,AvailabilityZoneId]'"]),
                missingEvidence: zones.isEmpty ? [MissingEvidence(why: "the Availability Zone ids of the task subnets", command: "aws ec2 describe-subnets --subnet-ids <subnet-ids> --query 'Subnets[].AvailabilityZoneId'")] : [])
        }
    }
}
