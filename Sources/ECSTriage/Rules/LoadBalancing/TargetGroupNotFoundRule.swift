/// A service names a target group that does not exist any more.
struct TargetGroupNotFoundRule: Rule {
    static let description = RuleDescription(
        id: "target-group-not-found", title: "Service names a target group that does not exist",
        category: .loadBalancing, severity: .critical, explains: [.targetGroupNotFound], needs: [.services, .targetGroups],
        examples: [
            .triggers("ECS event", "service (service-name) task set (taskSet-ID) (task task-id) is not healthy in target-group (targetGroup-ARN)) due to TARGET GROUP IS NOT FOUND.",
                      resources: [""], confidence: .likely),
            .triggers("service target group absent from the listing", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "deleted-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg"))),
                resources: [Fixture.targetGroupArn("deleted-tg")], confidence: .likely),
            .quiet("service target group listed", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        if context.index.has(.targetGroups) {
            for target in context.index.serviceTargets where target.targetGroup == nil {
                let symptoms = context.symptoms(of: [.targetGroupNotFound], on: target.workload)
                explained.formUnion(symptoms.map(\.id))
                let replacement = Self.replacement(target, context)
                findings.append(Self.description.finding(
                    title: "Service \(target.service.serviceName) uses a target group that does not exist",
                    explains: symptoms,
                    resources: [.arn(target.targetGroupArn), target.workload.resource],
                    evidence: context.observedEvidence(symptoms) + [Evidence(target.attachment.location + "/targetGroupArn",
                        "\(target.service.serviceName) names \(target.targetGroupArn), which is not among the snapshot's target groups")],
                    fix: Self.fix(replacement),
                    missingEvidence: replacement.missingEvidence))
            }
        }
        for symptom in context.symptoms(of: [.targetGroupNotFound]) where !explained.contains(symptom.id) {
            let arn = symptom.facts.targetGroupArn.flatMap { $0.hasPrefix("arn:") ? $0 : nil }
            findings.append(Self.description.finding(
                title: "The service uses a target group that does not exist",
                basis: .symptomText, explains: [symptom],
                resources: arn.map { [.arn($0)] } ?? [],
                evidence: [symptom.evidence],
                fix: Self.namedFix(arn),
                missingEvidence: arn.map { [Self.existenceQuestion($0)] } ?? []))
        }
        return findings
    }

    /// A new group in the tasks' VPC on the container port, checked on the
    /// container's own health path when it has one, attached to the service.
    /// The listener to forward to it is unknown: the deleted group's listener
    /// no longer names it (ELB refuses to delete a group a listener uses).
    static func replacement(_ target: ServiceTarget, _ context: AnalysisContext) -> TargetGroupReplacement {
        let vpcId = target.workload.vpcId(context.index)
        let balancers = vpcId.map(context.index.loadBalancers(inVpc:)) ?? []
        return TargetGroupReplacement(
            // A deleted group's name is free again.
            name: ARN.targetGroupName(target.targetGroupArn),
            targetType: TargetTypeMismatchRule.wantedType(target.workload.networkMode ?? "awsvpc"), protocolName: "HTTP",
            port: target.attachment.containerPort, vpcId: vpcId,
            healthCheck: TargetGroupReplacement.healthCheck(from: nil, container: target.container),
            routing: .unknown(loadBalancerArn: balancers.count == 1 ? balancers[0].loadBalancerArn : nil, oldTargetGroupArn: nil),
            service: .init(cluster: target.workload.clusterName, service: target.service.serviceName, container: target.attachment.containerName,
                           containerPort: target.attachment.containerPort))
    }
}

// MARK: Messages and fixes

extension TargetGroupNotFoundRule {
    static let steps = ["Check whether the target group was deleted, or lives in another region or account.",
                        "Create a target group (target type ip for awsvpc/Fargate) and forward a listener or listener rule to it: ECS accepts only a "
                        + "target group behind a load balancer.",
                        "Attach it to the service: update-service --load-balancers for rolling deployments; blue/green services must be recreated."]

    static func fix(_ replacement: TargetGroupReplacement) -> Fix {
        Fix(summary: "Create the target group again (or pick an existing one) and attach it to the service", steps: steps,
            commands: replacement.commands, terraform: replacement.terraform)
    }

    static func namedFix(_ arn: String?) -> Fix {
        Fix(summary: "Create the target group again (or pick an existing one) and attach it to the service", steps: steps)
    }

    /// Whether the group the message names exists here: describe-target-groups fails with TargetGroupNotFound when it does not.
    static func existenceQuestion(_ arn: String) -> MissingEvidence {
        MissingEvidence(why: "whether \(ARN.targetGroupName(arn)) exists in this region and account, and the service that names it",
                        command: "aws elbv2 describe-target-groups --target-group-arns \(arn)")
    }
}
