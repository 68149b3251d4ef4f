/// A service names a target group that does not exist any more.
struct TargetGroupNotFoundRule: Rule {
    static let description = RuleDescription(
        id: "target-group-not-found", title: "Service names a target group that does not exist",
        category: .loadBalancing, severity: .critical, explains: [.targetGroupNotFound], needs: [.services, .targetGroups],
        examples: [
            .triggers("ECS event", "service (service-name) task set (taskSet-ID) (task task-id) is not healthy in target-group (targetGroup-ARN)) due to TARGET GROUP IS NOT FOUND.",
                      resources: ["target group"], confidence: .likely),
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
            for workload in context.index.workloads {
                guard let service = workload.service else { continue }
                for attachment in service.loadBalancers {
                    guard let arn = attachment.targetGroupArn, context.index.targetGroup(arn) == nil else { continue }
                    let symptoms = context.symptoms(of: [.targetGroupNotFound], on: workload)
                    explained.formUnion(symptoms.map(\.id))
                    findings.append(finding(arn: arn, service: service, workload: workload, symptoms: symptoms,
                                            evidence: [Evidence(attachment.location + "/targetGroupArn", "\(service.serviceName) names \(arn), which is not among the snapshot's target groups")]))
                }
            }
        }
        for symptom in context.symptoms(of: [.targetGroupNotFound]) where !explained.contains(symptom.id) {
            findings.append(finding(arn: symptom.facts.targetGroupArn ?? "target group", service: nil, workload: nil, symptoms: [symptom], evidence: []))
        }
        return findings
    }

    private func finding(arn: String, service: ECSService?, workload: Workload?, symptoms: [Symptom], evidence: [Evidence]) -> Finding {
        Self.description.finding(
            title: "\(service.map { "Service \($0.serviceName)" } ?? "The service") uses a target group that does not exist",
            basis: service != nil ? .configuration : .symptomText, explains: symptoms,
            resources: [.arn(arn)] + (workload.map { [$0.resource] } ?? []),
            evidence: symptoms.map(\.evidence) + evidence,
            fix: Fix(summary: "Create the target group again (or pick an existing one) and attach it to the service",
                     steps: ["Check whether the target group was deleted, or lives in another region or account.",
                             "Create a target group (target type ip for awsvpc/Fargate) and forward the listener to it.",
                             "Attach it to the service: update-service --load-balancers for rolling deployments; blue/green services must be recreated."],
                     commands: ["aws elbv2 describe-target-groups --target-group-arns \(arn.hasPrefix("arn:") ? arn : "<target-group-arn>")"]
                        + (service.map { ["aws ecs update-service --cluster \(workload!.clusterName) --service \($0.serviceName) --load-balancers targetGroupArn=<new-target-group-arn>,containerName=\($0.loadBalancers.first?.containerName ?? "<container>"),containerPort=\($0.loadBalancers.first?.containerPort.map(String.init) ?? "<port>")"] } ?? [])))
    }
}
