/// The service's target group is not behind any load balancer: no listener
/// or listener rule forwards to it (`LoadBalancerArns` is empty). ECS
/// refuses to create the service, or its targets stay `unused`
/// (`Target.NotInUse`) and receive no traffic. A listener of the snapshot
/// that forwards to the group also puts it behind its load balancer (AWS
/// lists that load balancer in `LoadBalancerArns`; the moto emulator does not
/// after `modify-listener`, which reading the listeners makes harmless).
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
            .quiet("no LoadBalancerArns, but a listener forwards to the group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", loadBalancer: false)),
                Fixture.array("Listeners", #"{"ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2", "LoadBalancerArn": "\#(Fixture.loadBalancerArn)", "Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "forward", "TargetGroupArn": "\#(Fixture.targetGroupArn("web-tg"))"}]}"#))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        var seen = Set<String>()
        for target in context.index.serviceTargets where seen.insert(target.targetGroupArn).inserted {
            guard let group = target.targetGroup, group.listsLoadBalancerArns, group.loadBalancerArns.isEmpty,
                  context.index.listeners(forwardingTo: group.targetGroupArn).isEmpty else { continue }
            let symptoms = target.symptoms(of: [.targetGroupWithoutLoadBalancer, .targetNotInUse], context)
            explained.formUnion(symptoms.map(\.id))
            let attachment = Attachment(group: group, context)
            findings.append(Self.description.finding(
                title: "Target group \(group.name) is not behind any load balancer: \(target.service.serviceName) gets no traffic",
                explains: symptoms,
                resources: [.arn(target.targetGroupArn), target.workload.resource],
                evidence: context.observedEvidence(symptoms) + [Self.unusedEvidence(group, listenersKnown: context.index.has(.listeners))],
                fix: Self.fix(attachment, target: target),
                missingEvidence: attachment.question.map { [$0] } ?? []))
        }
        for symptom in context.symptoms(of: [.targetGroupWithoutLoadBalancer]) where !explained.contains(symptom.id) {
            let arn = symptom.facts.targetGroupArn
            let group = arn.flatMap(context.index.targetGroup)
            let attachment = arn.map { Attachment(arn: $0, group: group, context) }
            findings.append(Self.description.finding(
                title: "Target group \(group?.name ?? arn.map(ARN.targetGroupName) ?? "(unnamed)") is not behind any load balancer",
                basis: .symptomText, explains: [symptom],
                resources: arn.map { [.arn($0)] } ?? [],
                evidence: [symptom.evidence],
                fix: attachment.map { Self.fix($0, target: nil) } ?? Fix(summary: Self.summary("the target group"), steps: Self.steps),
                missingEvidence: (attachment?.question.map { [$0] } ?? [])
                    + (group == nil ? arn.map { [Self.groupQuestion($0)] } ?? [] : [])))
        }
        return findings
    }

    /// How to put the group behind a load balancer: a rule on a listener of
    /// the load balancer in its VPC, else a listener on that load balancer.
    struct Attachment {
        var arn: String
        var group: TargetGroup?
        var balancer: LoadBalancer?
        var listener: Listener?
        /// What would name the load balancer when the snapshot does not.
        var question: MissingEvidence?

        init(group: TargetGroup, _ context: AnalysisContext) {
            self.init(arn: group.targetGroupArn, group: group, context)
        }

        init(arn: String, group: TargetGroup?, _ context: AnalysisContext) {
            self.arn = arn
            self.group = group
            let balancers = group?.vpcId.map(context.index.loadBalancers(inVpc:)) ?? []
            balancer = balancers.count == 1 ? balancers[0] : nil
            listener = balancer.flatMap { context.index.listeners(of: $0.loadBalancerArn).first }
            if balancer == nil {
                let filter = group?.vpcId.map { "?VpcId=='\($0)'" } ?? ""
                question = MissingEvidence(why: "the load balancer that should forward to \(group?.name ?? ARN.targetGroupName(arn))"
                                           + (balancers.count > 1 ? " (the VPC has \(balancers.count))" : ""),
                                           command: "aws elbv2 describe-load-balancers --query \"LoadBalancers[\(filter)].[LoadBalancerName,LoadBalancerArn]\"")
            }
        }

        /// A listener's protocol and port for the group: HTTP 80 for an ALB group, the group's own for an NLB one.
        var newListener: (protocolName: String, port: Int) {
            let protocolName = (group?.protocolName ?? "HTTP").uppercased()
            return ["HTTP", "HTTPS"].contains(protocolName) ? ("HTTP", 80) : ("TCP", group?.port ?? 80)
        }
    }
}

// MARK: Messages and fixes

extension TargetGroupWithoutLoadBalancerRule {
    static let steps = ["A target group receives traffic only through a listener default action or listener rule that forwards to it; ECS rejects a "
                        + "service whose target group has none.",
                        "Add the listener or rule (the rule below matches every path: narrow it to the traffic meant for this service), then create the "
                        + "service (or redeploy it so its tasks register).",
                        "With Terraform or CloudFormation, make the service depend on the listener (depends_on / DependsOn): creating both at once races."]

    static func summary(_ name: String) -> String {
        "Forward a listener (or a listener rule) of the load balancer to \(name) before the service uses it"
    }

    static func unusedEvidence(_ group: TargetGroup, listenersKnown: Bool) -> Evidence {
        Evidence(group.location + "/LoadBalancerArns", "\(group.name) has no load balancer: no listener or rule forwards to it"
                 + (listenersKnown ? ", and no listener in the input forwards to it by default" : ""))
    }

    static func groupQuestion(_ arn: String) -> MissingEvidence {
        MissingEvidence(why: "whether any load balancer uses the target group",
                        command: "aws elbv2 describe-target-groups --target-group-arns \(arn) --query 'TargetGroups[0].LoadBalancerArns'")
    }

    static func fix(_ attachment: Attachment, target: ServiceTarget?) -> Fix {
        var commands: [String] = []
        var terraform: [String] = []
        let label = TerraformName.label(attachment.group?.name ?? ARN.targetGroupName(attachment.arn))
        let dependency: String
        if let listener = attachment.listener {
            // One past the highest priority in use: ELB refuses a priority another rule holds.
            commands.append("priority=$(aws elbv2 describe-rules --listener-arn \(listener.listenerArn) "
                            + "--query 'max(Rules[?Priority!=`\"default\"`].to_number(Priority)) || `0`' --output text)")
            commands.append("aws elbv2 create-rule --listener-arn \(listener.listenerArn) --priority $((priority + 1)) "
                            + "--conditions Field=path-pattern,Values='/*' --actions Type=forward,TargetGroupArn=\(attachment.arn)")
            terraform.append("""
            resource "aws_lb_listener_rule" "\(label)" {
              listener_arn = "\(listener.listenerArn)"
              action {
                type             = "forward"
                target_group_arn = "\(attachment.arn)"
              }
              condition {
                path_pattern {
                  values = ["/*"]
                }
              }
            }
            """)
            dependency = "aws_lb_listener_rule.\(label)"
        } else {
            let (protocolName, port) = attachment.newListener
            commands.append("aws elbv2 create-listener --load-balancer-arn \(attachment.balancer?.loadBalancerArn ?? "<load-balancer-arn>") "
                            + "--protocol \(protocolName) --port \(port) --default-actions Type=forward,TargetGroupArn=\(attachment.arn)")
            terraform.append("""
            resource "aws_lb_listener" "\(label)" {
              load_balancer_arn = \(attachment.balancer.map { "\"\($0.loadBalancerArn)\"" } ?? "var.load_balancer_arn")
              port              = \(port)
              protocol          = "\(protocolName)"
              default_action {
                type             = "forward"
                target_group_arn = "\(attachment.arn)"
              }
            }
            """)
            dependency = "aws_lb_listener.\(label)"
        }
        if let target {
            commands.append("aws ecs update-service \(target.serviceArguments) --force-new-deployment")
            terraform.append(ServiceTerraform.resource(service: target.service.serviceName, cluster: target.workload.clusterName,
                                                       ["depends_on = [\(dependency)]"]))
        }
        return Fix(summary: summary(attachment.group?.name ?? ARN.targetGroupName(attachment.arn)), steps: steps, commands: commands,
                   terraform: terraform.joined(separator: "\n"))
    }
}
