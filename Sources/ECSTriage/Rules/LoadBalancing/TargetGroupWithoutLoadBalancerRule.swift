/// The service's target group is not behind any load balancer: no listener
/// or listener rule forwards to it (`LoadBalancerArns` is empty). ECS
/// refuses to create the service, or its targets stay `unused`
/// (`Target.NotInUse`) and receive no traffic.
struct TargetGroupWithoutLoadBalancerRule: Rule {
    static let description = RuleDescription(
        id: "target-group-without-load-balancer", title: "Target group is not used by any load balancer",
        category: .loadBalancing, severity: .critical, explains: [.targetGroupWithoutLoadBalancer, .targetNotInUse],
        needs: [.services, .targetGroups],
        examples: [
            .triggers("service target group with no LoadBalancerArns", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", loadBalancer: false))),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .likely),
            .triggers("targets unused", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", loadBalancer: false)),
                Fixture.targetHealth("web-tg", state: "unused", reason: "Target.NotInUse", description: "Target group is not configured to receive traffic from the load balancer")),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .confirmed),
            .triggers("the API error alone", "InvalidParameterException: The target group with targetGroupArn arn:aws:elasticloadbalancing:us-east-1:549567774903:targetgroup/tg-fargate-example/97c07ffe67daf38f does not have an associated load balancer.",
                      resources: ["arn:aws:elasticloadbalancing:us-east-1:549567774903:targetgroup/tg-fargate-example/97c07ffe67daf38f"], confidence: .likely),
            .quiet("target group behind a load balancer", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        var seen = Set<String>()
        for target in context.index.serviceTargets where seen.insert(target.targetGroupArn).inserted {
            guard let group = target.targetGroup, group.listsLoadBalancerArns, group.loadBalancerArns.isEmpty else { continue }
            let symptoms = target.symptoms(of: [.targetGroupWithoutLoadBalancer, .targetNotInUse], context)
            explained.formUnion(symptoms.map(\.id))
            findings.append(finding(arn: target.targetGroupArn, group: group, target: target, symptoms: symptoms,
                                    evidence: [Evidence(group.location + "/LoadBalancerArns", "\(group.name) has no load balancer: no listener or rule forwards to it")],
                                    context: context))
        }
        for symptom in context.symptoms(of: [.targetGroupWithoutLoadBalancer]) where !explained.contains(symptom.id) {
            let arn = symptom.facts.targetGroupArn ?? "<target-group-arn>"
            findings.append(finding(arn: arn, group: context.index.targetGroup(arn), target: nil, symptoms: [symptom], evidence: [], context: context))
        }
        return findings
    }

    private func finding(arn: String, group: TargetGroup?, target: ServiceTarget?, symptoms: [Symptom], evidence: [Evidence],
                         context: AnalysisContext) -> Finding {
        let name = group?.name ?? ARN.targetGroupName(arn)
        // A load balancer of the group's VPC, and its listener, when the snapshot has them.
        let balancer = group?.vpcId.flatMap { context.index.loadBalancers(inVpc: $0).first }
        let listener = balancer.flatMap { context.index.listeners(of: $0.loadBalancerArn).first }
        var commands: [String] = []
        if let listener {
            commands.append("aws elbv2 create-rule --listener-arn \(listener.listenerArn) --priority <priority> --conditions Field=path-pattern,Values='/*' --actions Type=forward,TargetGroupArn=\(arn)")
        } else {
            commands.append("aws elbv2 create-listener --load-balancer-arn \(balancer?.loadBalancerArn ?? "<load-balancer-arn>") --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=\(arn)")
        }
        if let target {
            commands.append("aws ecs update-service \(target.serviceArguments) --force-new-deployment")
        }
        var missing: [MissingEvidence] = []
        if group == nil {
            missing.append(MissingEvidence(why: "whether any load balancer uses the target group", command: "aws elbv2 describe-target-groups --target-group-arns \(arn) --query 'TargetGroups[0].LoadBalancerArns'"))
        }
        return Self.description.finding(
            title: "Target group \(name) is not behind any load balancer\(target.map { ": \($0.service.serviceName) gets no traffic" } ?? "")",
            basis: target == nil ? .symptomText : .configuration, explains: symptoms,
            resources: [.arn(arn)] + (target.map { [$0.workload.resource] } ?? []),
            evidence: symptoms.map(\.evidence) + evidence,
            fix: Fix(summary: "Forward a listener (or a listener rule) of the load balancer to \(name) before the service uses it",
                     steps: ["A target group receives traffic only through a listener default action or listener rule that forwards to it; ECS rejects a service whose target group has none.",
                             "Add the listener or rule, then create the service (or redeploy it so its tasks register).",
                             "With Terraform or CloudFormation, make the service depend on the listener (depends_on / DependsOn): creating both at once races."],
                     commands: commands,
                     terraform: "resource \"aws_lb_listener\" \"http\" {\n  load_balancer_arn = aws_lb.main.arn\n  port              = 80\n  protocol          = \"HTTP\"\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"\(arn)\"\n  }\n}\nresource \"aws_ecs_service\" \"\(ServiceTarget.label(target?.service.serviceName ?? "app"))\" {\n  depends_on = [aws_lb_listener.http]\n}"),
            missingEvidence: missing)
    }
}
