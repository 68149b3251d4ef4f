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
            .triggers("a public subnet of the VPC in the missing zone", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", subnets: ["subnet-a", "subnet-c"], targetGroup: "web-tg")),
                Fixture.array("Subnets", Fixture.subnet("subnet-a", az: "us-east-1a"), Fixture.subnet("subnet-c", az: "us-east-1c", cidr: "10.0.3.0/24"),
                              Fixture.subnet("subnet-public-c", az: "us-east-1c", cidr: "10.0.103.0/24")),
                Fixture.array("RouteTables", Fixture.routeTable("rtb-public", subnets: ["subnet-public-c"], defaultTarget: "igw-1"),
                              Fixture.routeTable("rtb-private", subnets: ["subnet-a", "subnet-c"], main: true)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer())),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
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

    /// The reason code's own description names the cause when the snapshot lacks the load balancer's zones.
    private func namedByText(_ symptom: Symptom, _ context: AnalysisContext) -> Finding {
        let arn = symptom.facts.targetGroupArn.flatMap { $0.hasPrefix("arn:") ? $0 : nil }
        let balancers = arn.flatMap { context.index.targetGroup($0)?.loadBalancerArns } ?? []
        return Self.description.finding(
            title: "Targets\(arn.map { " of \(ARN.targetGroupName($0))" } ?? "") are in an Availability Zone the load balancer is not enabled in",
            basis: .symptomText, explains: [symptom], resources: (arn.map { [.arn($0)] } ?? []) + symptom.resourceList,
            evidence: [symptom.evidence],
            fix: Fix(summary: "Enable the targets' Availability Zone on the load balancer (add a subnet there), or keep the tasks out of it",
                     steps: ["Targets in a zone the load balancer is not enabled in register as unused (Target.NotInUse) and get no traffic.",
                             "Compare the load balancer's zones with the zones of the task subnets."]),
            missingEvidence: Self.zoneQuestions(targetGroupArn: arn, balancers: balancers))
    }

    /// Where a target is: its zone, its subnet when known, and where that was read.
    struct Placement {
        var zone: String
        var subnetId: String?
        var location: String
    }

    /// Where the targets are: the zone of each task subnet (awsvpc) or
    /// container instance subnet, with the place it was read.
    private func zones(of target: ServiceTarget, _ context: AnalysisContext) -> [Placement] {
        var subnetIds = target.workload.networkMode == "awsvpc" ? target.workload.subnetIds
            : context.index.hostInstances(of: target.workload).compactMap(\.subnetId)
        subnetIds = Array(Set(subnetIds)).sorted()
        var result: [Placement] = subnetIds.compactMap { id in
            guard let subnet = context.index.subnet(id), let zone = subnet.availabilityZone else { return nil }
            return Placement(zone: zone, subnetId: id, location: subnet.location + "/AvailabilityZone")
        }
        // Tasks report their zone even when their subnets are not in the snapshot.
        for task in target.workload.tasks {
            guard let zone = task.availabilityZone, !result.contains(where: { $0.zone == zone }) else { continue }
            result.append(Placement(zone: zone, subnetId: nil, location: task.location + "/availabilityZone"))
        }
        return result
    }

    private func finding(_ target: ServiceTarget, balancer: LoadBalancer, outside: [Placement], _ context: AnalysisContext) -> Finding {
        let zones = Array(Set(outside.map(\.zone))).sorted()
        let symptoms = target.symptoms(of: [.targetNotInUse], context).filter {
            let text = $0.message.lowercased()
            return text.contains("availability zone") || !text.contains("not configured to receive traffic")
        }
        let additions = zones.map { zone in (zone: zone, subnet: Self.balancerSubnet(for: balancer, in: zone, context)) }
        var evidence = context.observedEvidence(symptoms)
        evidence.append(Evidence(balancer.location + "/AvailabilityZones",
                                 "load balancer \(balancer.name) is enabled in \(balancer.availabilityZones.sorted().joined(separator: ", "))"))
        evidence += outside.map { Self.placementEvidence($0, target) }
        evidence += additions.compactMap { addition in
            addition.subnet.map { Self.additionEvidence($0, zone: addition.zone, balancer) }
        }
        let missing = additions.filter { $0.subnet == nil }.map(\.zone)
        return Self.description.finding(
            title: "Tasks of \(target.service.serviceName) run in \(zones.joined(separator: ", ")), where load balancer \(balancer.name) is not enabled",
            explains: symptoms,
            resources: [target.workload.resource, .arn(balancer.loadBalancerArn)] + outside.compactMap(\.subnetId).map(ResourceID.subnet),
            evidence: evidence,
            fix: Self.fix(target, balancer: balancer, zones: zones, added: additions.compactMap(\.subnet).map(\.subnetId), outside: outside),
            missingEvidence: missing.isEmpty ? [] : [Self.subnetQuestion(balancer, zones: missing)])
    }

    /// A subnet of the load balancer's VPC in `zone` it can use: public
    /// (default route to an internet gateway) for an internet-facing one.
    static func balancerSubnet(for balancer: LoadBalancer, in zone: String, _ context: AnalysisContext) -> Subnet? {
        guard let vpcId = balancer.vpcId else { return nil }
        let candidates = context.index.subnets(inVpc: vpcId, zone: zone).sorted { $0.subnetId < $1.subnetId }
        if balancer.scheme == "internal" { return candidates.first }
        return candidates.first { subnet in
            guard let routing = RouteAnalysis.routing(ofSubnet: subnet.subnetId, in: context.index),
                  case .internetGateway = routing.internet else { return false }
            return true
        }
    }
}

// MARK: Messages and fixes

extension TargetAzNotEnabledRule {
    static func placementEvidence(_ place: Placement, _ target: ServiceTarget) -> Evidence {
        Evidence(place.location, place.subnetId.map { "task subnet \($0) of \(target.service.serviceName) is in \(place.zone)" }
                 ?? "a task of \(target.service.serviceName) runs in \(place.zone)")
    }

    static func additionEvidence(_ subnet: Subnet, zone: String, _ balancer: LoadBalancer) -> Evidence {
        let kind = balancer.scheme == "internal" ? "a subnet" : "a public subnet"
        return Evidence(subnet.location, "\(subnet.subnetId) is \(kind) of \(balancer.vpcId ?? "the VPC") in \(zone)")
    }

    /// The load balancer's zones (through its target group when the load balancer is not known) and the targets' zones.
    static func zoneQuestions(targetGroupArn arn: String?, balancers: [String]) -> [MissingEvidence] {
        var questions: [MissingEvidence] = []
        if !balancers.isEmpty {
            questions.append(MissingEvidence(why: "the load balancer's Availability Zones and subnets",
                                             command: "aws elbv2 describe-load-balancers --load-balancer-arns \(balancers.joined(separator: " ")) "
                                             + "--query 'LoadBalancers[].AvailabilityZones'"))
        } else if let arn {
            questions.append(MissingEvidence(why: "the load balancer of the target group, whose Availability Zones describe-load-balancers then shows",
                                             command: "aws elbv2 describe-target-groups --target-group-arns \(arn) --query 'TargetGroups[0].LoadBalancerArns'"))
        }
        if let arn {
            questions.append(MissingEvidence(why: "the targets' zones", command: "aws elbv2 describe-target-health --target-group-arn \(arn) "
                                             + "--query 'TargetHealthDescriptions[].[Target.Id,Target.AvailabilityZone,TargetHealth.Reason]'"))
        }
        return questions
    }

    static func subnetQuestion(_ balancer: LoadBalancer, zones: [String]) -> MissingEvidence {
        let kind = balancer.scheme == "internal" ? "a subnet" : "a public subnet (route 0.0.0.0/0 to an internet gateway)"
        return MissingEvidence(why: "\(kind) of the load balancer's VPC in \(zones.joined(separator: ", ")) to add to it",
                               command: "aws ec2 describe-subnets --filters Name=vpc-id,Values=\(balancer.vpcId ?? "<vpc-id>") "
                               + "Name=availability-zone,Values=\(zones.joined(separator: ","))")
    }

    static func fix(_ target: ServiceTarget, balancer: LoadBalancer, zones: [String], added: [String], outside: [Placement]) -> Fix {
        let zoneText = zones.joined(separator: ", ")
        let outsideSubnets = outside.compactMap(\.subnetId)
        let keptSubnets = target.workload.subnetIds.filter { !outsideSubnets.contains($0) }
        var commands: [String] = []
        // Keeping the tasks out of the zone needs no new subnet: first when no subnet for the load balancer is known.
        if target.workload.networkMode == "awsvpc", !keptSubnets.isEmpty, !outsideSubnets.isEmpty {
            let groups = target.workload.securityGroupIds.joined(separator: ",")
            let publicIp = target.workload.publicIp == .enabled ? "ENABLED" : "DISABLED"
            commands.append("aws ecs update-service \(target.serviceArguments) --network-configuration "
                            + "\"awsvpcConfiguration={subnets=[\(keptSubnets.joined(separator: ","))],securityGroups=[\(groups)],assignPublicIp=\(publicIp)}\"")
        }
        let missing = zones.count - added.count
        let subnets = balancer.subnetIds + added + Array(repeating: "<subnet-id>", count: max(0, missing))
        let setSubnets = "aws elbv2 set-subnets --load-balancer-arn \(balancer.loadBalancerArn) --subnets \(subnets.joined(separator: " "))"
        if missing == 0 || commands.isEmpty { commands.insert(setSubnets, at: 0) } else { commands.append(setSubnets) }
        let terraformSubnets = (balancer.subnetIds + added).map { "\"\($0)\"" } + (missing > 0 ? ["var.subnet_in_missing_zone"] : [])
        return Fix(summary: "Enable \(zoneText) on \(balancer.name) (add a subnet there), or keep the service's tasks out of \(zoneText)",
                   steps: ["Targets in a zone the load balancer is not enabled in register as unused (Target.NotInUse) and get no traffic.",
                           "Add one load balancer subnet in \(zoneText) (public for an internet-facing load balancer), or remove the task subnets in "
                           + "\(zoneText) from the service's network configuration."],
                   commands: commands,
                   terraform: """
                   resource "aws_lb" "\(TerraformName.label(balancer.name))" {
                     name    = "\(balancer.name)"
                     subnets = [\(terraformSubnets.joined(separator: ", "))]
                   }
                   """)
    }
}
