/// A load balancer routes only to targets in its enabled Availability Zones.
/// Tasks placed in a subnet of another zone register, stay `unused`
/// (`Target.NotInUse`) and never receive traffic, so the service runs with
/// fewer usable tasks than it reports.
struct TargetAzNotEnabledRule: Rule {
    static let description = RuleDescription(
        id: "target-az-not-enabled", title: "Tasks run in an Availability Zone the load balancer is not enabled in",
        category: .loadBalancing, severity: .high, explains: [.targetNotInUse],
        needs: [.services, .subnets, .targetGroups, .loadBalancers],
        examples: [
            .triggers("task subnet in us-east-1c, load balancer in 1a and 1b", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", subnets: ["subnet-a", "subnet-c"], targetGroup: "web-tg")),
                Fixture.array("Subnets", Fixture.subnet("subnet-a", az: "us-east-1a"), Fixture.subnet("subnet-c", az: "us-east-1c", cidr: "10.0.3.0/24")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer())),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .triggers("with a target not in use", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", subnets: ["subnet-a", "subnet-c"], targetGroup: "web-tg")),
                Fixture.array("Subnets", Fixture.subnet("subnet-a", az: "us-east-1a"), Fixture.subnet("subnet-c", az: "us-east-1c", cidr: "10.0.3.0/24")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.targetHealth("web-tg", state: "unused", reason: "Target.NotInUse", description: "Target is in an Availability Zone that is not enabled for the load balancer", ip: "10.0.3.7", zone: "us-east-1c")),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .quiet("every task subnet in an enabled zone", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", subnets: ["subnet-a"], targetGroup: "web-tg")),
                Fixture.array("Subnets", Fixture.subnet("subnet-a", az: "us-east-1a")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        for target in context.index.serviceTargets {
            let placements = zones(of: target, context)
            for balancer in target.loadBalancers where !balancer.availabilityZones.isEmpty
                && seen.insert(target.service.serviceArn + balancer.loadBalancerArn).inserted {
                let enabled = Set(balancer.availabilityZones)
                let outside = placements.filter { !enabled.contains($0.zone) }
                guard !outside.isEmpty else { continue }
                findings.append(finding(target, balancer: balancer, outside: outside, context))
            }
        }
        // Without the load balancer's zones, the reason code's own description names the cause.
        let explained = Set(findings.flatMap(\.explains))
        for symptom in context.symptoms(of: [.targetNotInUse]) where !explained.contains(symptom.id)
            && symptom.message.lowercased().contains("availability zone") && !context.index.has(.loadBalancers) {
            findings.append(namedByText(symptom, context))
        }
        return findings
    }

    private func namedByText(_ symptom: Symptom, _ context: AnalysisContext) -> Finding {
        let arn = symptom.facts.targetGroupArn
        let loadBalancers = arn.flatMap { context.index.targetGroup($0)?.loadBalancerArns } ?? []
        let balancerArguments = loadBalancers.isEmpty ? "<load-balancer-arn>" : loadBalancers.joined(separator: " ")
        return Self.description.finding(
            title: "Targets\(arn.map { " of \(ARN.targetGroupName($0))" } ?? "") are in an Availability Zone the load balancer is not enabled in",
            basis: .symptomText, explains: [symptom], resources: (arn.map { [.arn($0)] } ?? []) + symptom.resourceList,
            evidence: [symptom.evidence],
            fix: Fix(summary: "Enable the targets' Availability Zone on the load balancer (add a subnet there), or keep the tasks out of it",
                     steps: ["Targets in a zone the load balancer is not enabled in register as unused (Target.NotInUse) and get no traffic.",
                             "Compare the load balancer's zones with the zones of the task subnets."]),
            missingEvidence: [MissingEvidence(why: "the load balancer's Availability Zones and subnets",
                                              command: "aws elbv2 describe-load-balancers --load-balancer-arns \(balancerArguments) " +
                                                       "--query 'LoadBalancers[].AvailabilityZones'"),
                              MissingEvidence(why: "the targets' zones",
                                              command: "aws elbv2 describe-target-health --target-group-arn \(arn ?? "<target-group-arn>") --query " +
                                                       "'TargetHealthDescriptions[].[Target.Id,Target.AvailabilityZone,TargetHealth.Reason]'")])
    }

    /// Where the targets are: the zone of each task subnet (awsvpc) or
    /// container instance subnet, with the place it was read.
    private func zones(of target: ServiceTarget, _ context: AnalysisContext) -> [(zone: String, subnetId: String?, location: String)] {
        var subnetIds = target.workload.networkMode == "awsvpc" ? target.workload.subnetIds
            : context.index.hostInstances(of: target.workload).compactMap(\.subnetId)
        subnetIds = Array(Set(subnetIds)).sorted()
        var result: [(zone: String, subnetId: String?, location: String)] = subnetIds.compactMap { id in
            guard let subnet = context.index.subnet(id), let zone = subnet.availabilityZone else { return nil }
            return (zone, id, subnet.location + "/AvailabilityZone")
        }
        // Tasks report their zone even when their subnets are not in the snapshot.
        for task in target.workload.tasks {
            guard let zone = task.availabilityZone, !result.contains(where: { $0.zone == zone }) else { continue }
            result.append((zone, nil, task.location + "/availabilityZone"))
        }
        return result
    }

    private func finding(_ target: ServiceTarget, balancer: LoadBalancer, outside: [(zone: String, subnetId: String?, location: String)],
                         _ context: AnalysisContext) -> Finding {
        let zones = Array(Set(outside.map(\.zone))).sorted()
        let zoneText = zones.joined(separator: ", ")
        let symptoms = target.symptoms(of: [.targetNotInUse], context).filter {
            let text = $0.message.lowercased()
            return text.contains("availability zone") || !text.contains("not configured to receive traffic")
        }
        var evidence = symptoms.map(\.evidence)
        evidence.append(Evidence(balancer.location + "/AvailabilityZones", "load balancer \(balancer.name) is enabled in \(balancer.availabilityZones.sorted().joined(separator: ", "))"))
        for place in outside {
            evidence.append(Evidence(place.location, place.subnetId.map { "task subnet \($0) of \(target.service.serviceName) is in \(place.zone)" }
                                     ?? "a task of \(target.service.serviceName) runs in \(place.zone)"))
        }
        let outsideSubnets = outside.compactMap(\.subnetId)
        let keptSubnets = target.workload.subnetIds.filter { !outsideSubnets.contains($0) }
        var commands = ["aws elbv2 set-subnets --load-balancer-arn \(balancer.loadBalancerArn) --subnets \((balancer.subnetIds + zones.map { "<subnet-in-\($0)>" }).joined(separator: " "))"]
        if target.workload.networkMode == "awsvpc", !keptSubnets.isEmpty, !outsideSubnets.isEmpty {
            let groups = target.workload.securityGroupIds.joined(separator: ",")
            let publicIp = target.workload.publicIp == .enabled ? "ENABLED" : "DISABLED"
            commands.append("aws ecs update-service \(target.serviceArguments) --network-configuration \"awsvpcConfiguration={subnets=[\(keptSubnets.joined(separator: ","))],securityGroups=[\(groups)],assignPublicIp=\(publicIp)}\"")
        }
        return Self.description.finding(
            title: "Tasks of \(target.service.serviceName) run in \(zoneText), where load balancer \(balancer.name) is not enabled",
            explains: symptoms,
            resources: [target.workload.resource, .arn(balancer.loadBalancerArn)] + outsideSubnets.map(ResourceID.subnet),
            evidence: evidence,
            fix: Fix(summary: "Enable \(zoneText) on \(balancer.name) (add a subnet there), or keep the service's tasks out of \(zoneText)",
                     steps: ["Targets in a zone the load balancer is not enabled in register as unused (Target.NotInUse) and get no traffic.",
                             "Add one load balancer subnet in \(zoneText) (public for an internet-facing load balancer), or remove the task subnets in \(zoneText) from the service's network configuration."],
                     commands: commands,
                     terraform: "resource \"aws_lb\" \"\(ServiceTarget.label(balancer.name))\" {\n  subnets = [\((balancer.subnetIds.map { "\"\($0)\"" } + zones.map { "\"<subnet-in-\($0)>\"" }).joined(separator: ", "))]\n}"))
    }
}
