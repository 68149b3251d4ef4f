/// A target group whose target type cannot hold the service's tasks: awsvpc
/// tasks (all of Fargate) register by IP, bridge/host tasks by instance.
struct TargetTypeMismatchRule: Rule {
    static let description = RuleDescription(
        id: "target-type-mismatch", title: "Target group type does not fit the task network mode",
        category: .loadBalancing, severity: .critical, explains: [.targetTypeIncompatible],
        needs: [.services, .taskDefinitions, .targetGroups],
        examples: [
            .triggers("Fargate service on an instance target group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "instance"))),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .likely),
            .triggers("the API error alone", "InvalidParameterException: The provided target group arn:aws:elasticloadbalancing:eu-central-1:816911915741:targetgroup/tools-2020020516252207480000000f/3e51ba6896be6349 has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.",
                      resources: ["arn:aws:elasticloadbalancing:eu-central-1:816911915741:targetgroup/tools-2020020516252207480000000f/3e51ba6896be6349"], confidence: .likely),
            .triggers("registration rejected on an instance target group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", events: [
                    "(service web) failed to register targets in (target-group \(Fixture.targetGroupArn("web-tg"))) with (error Instance ID '10.0.1.25' is not valid)"])),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "instance"))),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .confirmed),
            .triggers("bridge service on an ip target group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", launchType: "EC2")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"])),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "ip"))),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .likely),
            .triggers("the registration error alone", "(service web) failed to register targets in (target-group arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/web-tg/e0161073acdaa612) with (error Instance ID '10.0.1.57' is not valid)",
                      resources: ["arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/web-tg/e0161073acdaa612"], confidence: .likely),
            .triggers("the reverse API error alone", "InvalidParameterException: The provided target group arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-tg/0123456789abcdef has target type ip, which is incompatible with the bridge network mode specified in the task definition.",
                      resources: ["arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-tg/0123456789abcdef"], confidence: .likely),
            .quiet("bridge service on an instance target group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", launchType: "EC2")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"])),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "instance")))),
            .quiet("Fargate service on an ip target group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "ip")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        let incompatibilities = context.symptoms(of: [.targetTypeIncompatible])
        var explained = Set<String>()
        for target in context.index.serviceTargets {
            guard let mode = target.workload.networkMode, let group = target.targetGroup else { continue }
            let wanted = Self.wantedType(mode)
            let type = group.effectiveTargetType
            guard type == "ip" || type == "instance", type != wanted else { continue }
            let symptoms = incompatibilities.filter { $0.facts.targetGroupArn == nil || $0.facts.targetGroupArn == target.targetGroupArn }
            explained.formUnion(symptoms.map(\.id))
            let replacement = TargetGroupReplacement(
                name: TargetGroupReplacement.name(group.name, suffix: wanted), targetType: wanted, protocolName: group.protocolName ?? "HTTP",
                port: group.port ?? target.attachment.containerPort, vpcId: group.vpcId ?? target.workload.vpcId(context.index),
                healthCheck: TargetGroupReplacement.healthCheck(from: group, container: target.container),
                routing: TargetGroupReplacement.routing(replacing: target.targetGroupArn, group: group, context),
                service: .init(cluster: target.workload.clusterName, service: target.service.serviceName,
                               container: target.attachment.containerName, containerPort: target.attachment.containerPort))
            var evidence = context.observedEvidence(symptoms)
            evidence.append(Evidence(group.location + "/TargetType", "target group \(group.name) has TargetType \(type)"))
            evidence.append(Self.modeEvidence(target.workload, mode: mode))
            findings.append(Self.description.finding(
                title: Self.title(group.name, type: type, mode: mode),
                explains: symptoms,
                resources: [.arn(target.targetGroupArn), target.workload.resource],
                evidence: evidence,
                fix: Self.fix(replacement, type: type),
                missingEvidence: replacement.missingEvidence))
        }
        for symptom in incompatibilities where !explained.contains(symptom.id) {
            let mode = symptom.facts.networkMode ?? "awsvpc"
            let type = symptom.facts.targetType ?? (Self.wantedType(mode) == "ip" ? "instance" : "ip")
            let arn = symptom.facts.targetGroupArn
            findings.append(Self.description.finding(
                title: Self.title(arn.map(ARN.targetGroupName) ?? "(unnamed)", type: type, mode: mode),
                basis: .symptomText, explains: [symptom],
                resources: arn.map { [.arn($0)] } ?? [],
                evidence: [symptom.evidence],
                fix: Self.namedFix(arn: arn, type: type, mode: mode),
                missingEvidence: arn.map { [Self.groupQuestion($0)] } ?? []))
        }
        return findings
    }

    /// awsvpc tasks (all of Fargate) register by IP, bridge and host tasks by instance.
    static func wantedType(_ mode: String) -> String { mode == "awsvpc" ? "ip" : "instance" }
}

// MARK: Messages and fixes

extension TargetTypeMismatchRule {
    static func title(_ name: String, type: String, mode: String) -> String {
        "Target group \(name) has target type \(type), but \(mode) tasks register as \(wantedType(mode) == "ip" ? "IP addresses" : "instances")"
    }

    static func modeEvidence(_ workload: Workload, mode: String) -> Evidence {
        if workload.isFargate, let service = workload.service {
            return Evidence(service.location, "\(workload.name) runs on Fargate, which always uses the awsvpc network mode")
        }
        let definition = workload.taskDefinition
        return Evidence((definition?.location ?? workload.service?.location ?? "") + "/networkMode",
                        "\(definition?.familyRevision ?? workload.name) uses network mode \(mode)")
    }

    static let steps = ["A target group's type cannot be changed: create one of the right type with the same protocol, port and health check, "
                        + "point the listener (or listener rule) at it, then attach it to the service.",
                        "update-service --load-balancers replaces the attachment for rolling (ECS) deployments; a CODE_DEPLOY service must be recreated.",
                        "Delete the old target group once nothing uses it."]

    static func fix(_ replacement: TargetGroupReplacement, type: String) -> Fix {
        Fix(summary: "Use a target group of type \(replacement.targetType) (the type of \(type) groups cannot be changed: create a new one and point the "
            + "listener and the service at it)",
            steps: steps, commands: replacement.commands, terraform: replacement.terraform)
    }

    /// The fix for the API error alone: a new group is the answer, but its VPC, port and service are not in the message.
    static func namedFix(arn: String?, type: String, mode: String) -> Fix {
        let wanted = wantedType(mode)
        return Fix(summary: "Use a target group of type \(wanted) (a \(type) target group cannot hold \(mode) tasks, and its type cannot be changed)",
                   steps: steps + ["Create the new group with the old one's protocol, port, VPC and health check: describe-target-groups shows them."],
                   commands: arn.map { ["aws elbv2 describe-target-groups --target-group-arns \($0)"] } ?? [])
    }

    static func groupQuestion(_ arn: String) -> MissingEvidence {
        MissingEvidence(why: "the old group's VPC, port, health check and load balancer, which the new group takes over",
                        command: "aws elbv2 describe-target-groups --target-group-arns \(arn)")
    }
}
