/// "Reason: Internal error." when placing Fargate tasks: the ECS guide's
/// explanation of this service event is a task subnet in an Availability
/// Zone where Fargate does not run (service event messages,
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html).
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
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            let known = subnets.compactMap(context.index.subnet)
            return NamedCauseDetail(
                title: Self.title, resources: symptom.resourceList,
                fix: Self.fix(subnets: known),
                missingEvidence: known.count == subnets.count && !subnets.isEmpty ? [] : Self.zonesMissing(subnets, target: target))
        }
    }
}

// MARK: Messages and fixes

extension FargateUnsupportedAZRule {
    static let title = "Fargate could not place the task: a task subnet is likely in an Availability Zone Fargate does not support"

    static func fix(subnets: [Subnet]) -> Fix {
        var steps = ["Fargate is not available in every Availability Zone; zone ids (use1-az1...), not names, identify a zone across accounts."]
        if !subnets.isEmpty {
            let zones = subnets.map { "\($0.subnetId): \($0.availabilityZone ?? "zone unknown") (\($0.availabilityZoneId ?? "zone id unknown"))" }
            steps.append("Task subnets: \(zones.joined(separator: "; ")).")
        }
        steps.append("Remove the subnet in the unsupported zone from the service (or use one in another zone), then redeploy. "
                     + "If every zone is supported, retry: the error can also be transient.")
        let ids = subnets.map(\.subnetId)
        let commands = ids.isEmpty ? [] : ["aws ec2 describe-subnets --subnet-ids \(ids.map(ShellWord.quoted).joined(separator: " ")) "
                                           + "--query 'Subnets[].[SubnetId,AvailabilityZone,AvailabilityZoneId]'"]
        return Fix(summary: "Remove subnets in Availability Zones without Fargate from the service's network configuration",
                   steps: steps, commands: commands)
    }

    static func zonesMissing(_ subnets: [String], target: ServiceCoordinates) -> [MissingEvidence] {
        let subnetList = subnets.isEmpty
            ? "$(aws ecs describe-services --cluster \(target.clusterWord) --services \(target.serviceWord) "
                + "--query 'services[0].networkConfiguration.awsvpcConfiguration.subnets' --output text)"
            : subnets.map(ShellWord.quoted).joined(separator: " ")
        return (subnets.isEmpty ? target.missingEvidence : [])
            + [MissingEvidence(why: "the Availability Zone ids of the task subnets",
                               command: "aws ec2 describe-subnets --subnet-ids \(subnetList) --query 'Subnets[].[SubnetId,AvailabilityZoneId]'")]
    }
}
