/// Fargate refused to start tasks: a quota is reached, or it has no capacity
/// right now. Messages: ECS Developer Guide, "Troubleshoot Fargate task
/// launch failures" / service event messages
/// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html):
/// "You've reached the limit on the number of tasks you can run concurrently",
/// "Capacity is unavailable at this time. Please try again later or in a different availability zone".
struct FargateQuotaOrCapacityRule: Rule {
    static let description = RuleDescription(
        id: "fargate-quota-or-capacity", title: "Fargate quota reached or capacity unavailable", category: .capacity,
        severity: .high, explains: [.fargateCapacity],
        examples: [
            .triggers("spot quota", "Reason: You've reached the limit on the number of spot tasks you can run concurrently. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
                      resources: [""], confidence: .likely),
            .triggers("capacity, the service's subnets all in one zone", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", subnets: ["subnet-a", "subnet-b"],
                                                          events: ["(service web) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone."])),
                Fixture.array("Subnets", Fixture.subnet("subnet-a"), Fixture.subnet("subnet-b", cidr: "10.0.2.0/24"))),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .quiet("internal error is another rule's", "service (service-name) was unable to place a task. Reason: Internal error."),
        ])

    enum Shortage: Equatable {
        case capacity
        /// The lowercased message: which quota it names.
        case quota(String)

        init(_ message: String) {
            let text = message.lowercased()
            // RESOURCE:FARGATE is the placement failure reason for no Fargate capacity (guide@49232cf2 ecs_cwe_events.md).
            self = text.contains("capacity is unavailable") || text.contains("resource:fargate") ? .capacity : .quota(text)
        }
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let shortage = Shortage(symptom.message)
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            let zones = Self.zones(of: workload, context.index)
            let singleZone = shortage == .capacity && zones.count == 1
            return NamedCauseDetail(
                title: Self.title(shortage, singleZone: singleZone ? zones.first : nil),
                resources: symptom.resourceList,
                confirmingEvidence: singleZone ? [Self.singleZoneEvidence(workload!, zone: zones[0])] : [],
                fix: Self.fix(shortage, spreadOut: singleZone ? workload : nil, target: target, region: context.index.region),
                missingEvidence: singleZone ? Self.otherZonesMissing(workload!, context.index)
                    : (shortage == .capacity && target.service != nil && zones.isEmpty ? Self.zonesMissing(target) : []))
        }
    }

    /// The Availability Zones of the workload's subnets, when the snapshot has every subnet.
    static func zones(of workload: Workload?, _ index: SnapshotIndex) -> [String] {
        guard let workload, !workload.subnetIds.isEmpty else { return [] }
        let zones = workload.subnetIds.map { index.subnet($0)?.availabilityZone }
        return zones.contains(nil) ? [] : zones.compactMap { $0 }.uniqued()
    }
}

// MARK: Messages and fixes

extension FargateQuotaOrCapacityRule {
    static func title(_ shortage: Shortage, singleZone: String?) -> String {
        switch shortage {
        case .capacity:
            return singleZone.map { "Fargate has no capacity for the task right now, and every task subnet is in \($0)" }
                ?? "Fargate has no capacity for the task in this Availability Zone right now"
        case let .quota(text):
            if text.contains("provisioning capacity limit") {
                return "Too many of the cluster's tasks wait in PROVISIONING for capacity: the tasks provisioning limit is reached"
            }
            if text.contains("configuration is above your limit") {
                return "The task's \(text.contains("memory") ? "memory" : "CPU") size is above what the account may run on Fargate"
            }
            return "The account reached its Fargate \(text.contains("spot") ? "Spot " : "")\(text.contains("vcpu") ? "vCPU" : "task") quota"
        }
    }

    static func singleZoneEvidence(_ workload: Workload, zone: String) -> Evidence {
        Evidence(workload.networkLocation ?? workload.service?.location ?? "",
                 "\(workload.name) places its tasks in \(workload.subnetIds.joined(separator: ", ")), all in \(zone): ECS cannot try another zone")
    }

    /// `spreadOut`: a service whose subnets are all in one zone, to give a subnet in another.
    static func fix(_ shortage: Shortage, spreadOut workload: Workload?, target: ServiceCoordinates, region: String?) -> Fix {
        guard shortage == .capacity else {
            return Fix(summary: "Request a higher Fargate quota in Service Quotas, or run fewer tasks at once",
                       steps: ["Fargate quotas are per account and Region, counted in vCPUs (On-Demand and Spot separately).",
                               "Request an increase in Service Quotas (AWS Fargate), or lower desiredCount / maximumPercent during deployments."],
                       commands: ["aws service-quotas list-service-quotas --service-code fargate" + (region.map { " --region \(ShellWord.quoted($0))" } ?? "")])
        }
        var commands: [String] = []
        var terraform: String?
        if let workload, target.service != nil {
            let update = ServiceUpdate(target: target, changes: [.networkConfiguration(
                subnets: workload.subnetIds + ["<subnet-in-another-zone>"], securityGroups: workload.securityGroupIds,
                assignPublicIp: workload.publicIp == .enabled)])
            commands.append(update.command)
            terraform = update.terraform
        }
        return Fix(summary: "Retry, spread the tasks over subnets in more Availability Zones, or mix FARGATE and FARGATE_SPOT",
                   steps: ["Capacity shortages are temporary and per Availability Zone: give the service subnets in several zones, so ECS can place elsewhere.",
                           "For Fargate Spot, add a FARGATE capacity provider with a base so tasks still start."],
                   commands: commands, terraform: terraform)
    }

    static func otherZonesMissing(_ workload: Workload, _ index: SnapshotIndex) -> [MissingEvidence] {
        let vpc = workload.subnetIds.lazy.compactMap { index.subnet($0)?.vpcId }.first
        return [MissingEvidence(why: "a subnet of the VPC in another Availability Zone for <subnet-in-another-zone>",
                                command: "aws ec2 describe-subnets --filters Name=vpc-id,Values=\(vpc.map(ShellWord.quoted) ?? "<vpc-id>") "
                                    + "--query 'Subnets[].[SubnetId,AvailabilityZone,AvailableIpAddressCount]'")]
    }

    static func zonesMissing(_ target: ServiceCoordinates) -> [MissingEvidence] {
        [MissingEvidence(why: "whether the service's subnets span several Availability Zones",
                         command: "aws ec2 describe-subnets --subnet-ids $(aws ecs describe-services --cluster \(target.clusterWord) "
                             + "--services \(target.serviceWord) --query 'services[0].networkConfiguration.awsvpcConfiguration.subnets' --output text) "
                             + "--query 'Subnets[].[SubnetId,AvailabilityZone]'")]
    }
}
