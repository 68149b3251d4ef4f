/// Fargate refused to start tasks: a quota is reached, or no capacity right now.
struct FargateQuotaOrCapacityRule: Rule {
    static let description = RuleDescription(
        id: "fargate-quota-or-capacity", title: "Fargate quota reached or capacity unavailable", category: .capacity,
        severity: .high, explains: [.fargateCapacity],
        examples: [
            .triggers("spot quota", "Reason: You've reached the limit on the number of spot tasks you can run concurrently. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
                      resources: [""], confidence: .likely),
            .quiet("internal error is another rule's", "service (service-name) was unable to place a task. Reason: Internal error."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            let text = symptom.message.lowercased()
            // RESOURCE:FARGATE is the placement failure reason for no Fargate capacity (guide@49232cf2 ecs_cwe_events.md).
            let capacity = text.contains("capacity is unavailable") || text.contains("resource:fargate")
            let spot = text.contains("spot")
            return NamedCauseDetail(
                title: capacity ? "Fargate has no capacity for the task in this Availability Zone right now"
                                : Self.quotaTitle(text, spot: spot),
                resources: symptom.resourceList,
                fix: Fix(summary: capacity ? "Retry, spread tasks over more subnets/Availability Zones, or mix FARGATE and FARGATE_SPOT" : "Request a higher Fargate quota in Service Quotas, or run fewer tasks at once",
                         steps: capacity ? ["Capacity shortages are temporary and per Availability Zone: give the service subnets in several AZs.",
                                            "For Fargate Spot, add a FARGATE capacity provider with a base so tasks still start."]
                                         : ["Fargate quotas are per account and region, counted in vCPUs (On-Demand and Spot separately).",
                                            "Request an increase in Service Quotas (AWS Fargate), or lower desiredCount / maximumPercent during deployments."],
                         commands: capacity ? [] : ["aws service-quotas list-service-quotas --service-code fargate --region \(context.region)"]))
        }
    }
}

// MARK: Messages and fixes

extension FargateQuotaOrCapacityRule {
    static func quotaTitle(_ text: String, spot: Bool) -> String {
        if text.contains("provisioning capacity limit") {
            return "Too many of the cluster's tasks wait in PROVISIONING for capacity: the tasks provisioning limit is reached"
        }
        if text.contains("configuration is above your limit") {
            return "The task's \(text.contains("memory") ? "memory" : "CPU") size is above what the account may run on Fargate"
        }
        return "The account reached its Fargate \(spot ? "Spot " : "")\(text.contains("vcpu") ? "vCPU" : "task") quota"
    }
}
