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
        for workload in context.index.workloads {
            guard let service = workload.service, let mode = workload.networkMode else { continue }
            for attachment in service.loadBalancers {
                guard let arn = attachment.targetGroupArn, let group = context.index.targetGroup(arn) else { continue }
                let wanted = mode == "awsvpc" ? "ip" : "instance"
                let type = group.effectiveTargetType
                guard type == "ip" || type == "instance", type != wanted else { continue }
                let symptoms = incompatibilities.filter { $0.facts.targetGroupArn == nil || $0.facts.targetGroupArn == arn }
                explained.formUnion(symptoms.map(\.id))
                var evidence = symptoms.map(\.evidence)
                evidence.append(Evidence(group.location + "/TargetType", "target group \(group.name) has TargetType \(type)"))
                if workload.isFargate {
                    evidence.append(Evidence(service.location, "\(workload.name) runs on Fargate, which always uses the awsvpc network mode"))
                } else if let definition = workload.taskDefinition {
                    evidence.append(Evidence(definition.location + "/networkMode", "\(definition.familyRevision) uses network mode \(mode)"))
                }
                findings.append(finding(targetGroupArn: arn, name: group.name, type: type, wanted: wanted, mode: mode, port: group.port,
                                        vpcId: group.vpcId, workload: workload, symptoms: symptoms, evidence: evidence, configured: true))
            }
        }
        for symptom in incompatibilities where !explained.contains(symptom.id) {
            let arn = symptom.facts.targetGroupArn ?? "<target-group-arn>"
            let mode = symptom.facts.networkMode ?? "awsvpc"
            let type = symptom.facts.targetType ?? (mode == "awsvpc" ? "instance" : "ip")
            findings.append(finding(targetGroupArn: arn, name: ARN.targetGroupName(arn), type: type, wanted: mode == "awsvpc" ? "ip" : "instance",
                                    mode: mode, port: nil, vpcId: nil, workload: nil, symptoms: [symptom], evidence: [symptom.evidence], configured: false))
        }
        return findings
    }

    private func finding(targetGroupArn: String, name: String, type: String, wanted: String, mode: String, port: Int?, vpcId: String?,
                         workload: Workload?, symptoms: [Symptom], evidence: [Evidence], configured: Bool) -> Finding {
        Self.description.finding(
            title: "Target group \(name) has target type \(type), but \(mode) tasks register as \(wanted == "ip" ? "IP addresses" : "instances")",
            basis: configured ? .configuration : .symptomText, explains: symptoms,
            resources: [.arn(targetGroupArn)] + (workload.map { [$0.resource] } ?? []),
            evidence: evidence,
            fix: Fix(summary: "Use a target group of type \(wanted) (the type cannot be changed: create a new one and point the listener and the service at it)",
                     steps: ["Create a target group with --target-type \(wanted), same protocol, port and health check.",
                             "Point the listener rule(s) at the new target group.",
                             "Attach it to the service (update-service --load-balancers for rolling deployments; recreate the service for CODE_DEPLOY).",
                             "Delete the old target group once nothing uses it."],
                     commands: ["aws elbv2 create-target-group --name \(name)-\(wanted) --target-type \(wanted) --protocol HTTP --port \(port.map(String.init) ?? "<container-port>") --vpc-id \(vpcId ?? "<vpc-id>") --health-check-path <path>",
                                "aws elbv2 modify-listener --listener-arn <listener-arn> --default-actions Type=forward,TargetGroupArn=<new-target-group-arn>"]
                        + (workload?.service.map { ["aws ecs update-service --cluster \(workload!.clusterName) --service \($0.serviceName) --load-balancers targetGroupArn=<new-target-group-arn>,containerName=\($0.loadBalancers.first?.containerName ?? "<container>"),containerPort=\($0.loadBalancers.first?.containerPort.map(String.init) ?? "<port>")"] } ?? []),
                     terraform: "resource \"aws_lb_target_group\" \"\(name.replacingOccurrences(of: "-", with: "_"))\" {\n  target_type = \"\(wanted)\"\n  # a changed target_type forces a new target group; add lifecycle { create_before_destroy = true }\n}"))
    }
}
