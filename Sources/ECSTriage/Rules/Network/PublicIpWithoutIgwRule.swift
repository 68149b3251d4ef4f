/// A task given a public IP in a subnet whose route table has no default
/// route to an internet gateway: the public IP is useless and nothing leaves.
struct PublicIpWithoutIgwRule: Rule {
    static let description = RuleDescription(
        id: "public-ip-without-igw", title: "Public IP assigned but the subnet has no route to an internet gateway",
        category: .network, severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed],
        needs: [.services, .subnets, .routeTables],
        examples: [
            .triggers("public IP, only the local route, ECR timeout", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.array("InternetGateways", Fixture.internetGateway())),
                resources: ["subnet-a"], confidence: .confirmed),
            .quiet("public IP and a route to an attached internet gateway", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway()))),
            .quiet("public IP in a private subnet served entirely by endpoints", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let groups = RouteGroup.collect(context) { _, paths in
            guard !paths.origin.isInstance, paths.origin.publicIp == .enabled, !paths.unreachable.isEmpty, let vpcId = paths.routing.vpcId else { return nil }
            switch paths.routing.internet {
            case .none: break
            case let .unusable(_, route, nil) where route.gatewayId?.hasPrefix("igw-") == true && !route.isBlackhole: break
            default: return nil
            }
            return (vpcId, paths.unreachable)
        }
        return groups.compactMap { group in
            guard let vpcId = group.vpcId else { return nil }
            let gateway = Self.gateway(vpcId, context)
            let symptoms = group.symptoms(context)
            return Self.description.finding(
                title: Self.title(group), explains: symptoms, resources: group.resources(vpc: true),
                evidence: symptoms.map(\.evidence) + Self.evidence(group, vpcId: vpcId, context: context),
                fix: Self.fix(group, vpcId: vpcId, gateway: gateway.value, creation: gateway.creation),
                missingEvidence: gateway.missing)
        }
    }

    /// The internet gateway attached to the VPC; one to create when the snapshot shows none; a placeholder when it cannot tell.
    static func gateway(_ vpcId: String, _ context: AnalysisContext) -> (value: FixValue, creation: InternetGatewayCreation?, missing: [MissingEvidence]) {
        if let attached = context.index.internetGatewayIds(attachedTo: vpcId).first { return (.literal(attached), nil, []) }
        if context.index.has(.internetGateways) {
            let creation = InternetGatewayCreation(vpcId: vpcId)
            return (creation.value, creation, [])
        }
        return (.literal("<igw-id>"), nil, [MissingEvidence(why: "whether \(vpcId) has an internet gateway attached",
                                                            command: "aws ec2 describe-internet-gateways --filters Name=attachment.vpc-id,Values=\(vpcId)")])
    }
}

// MARK: Messages and fixes

extension PublicIpWithoutIgwRule {
    static func title(_ group: RouteGroup) -> String {
        let tables = group.routeTableIds
        return "Task has a public IP but \(tables.joined(separator: ", ")) \(tables.count == 1 ? "has" : "have") no route to an internet gateway"
    }

    static func evidence(_ group: RouteGroup, vpcId: String, context: AnalysisContext) -> [Evidence] {
        var evidence: [Evidence] = []
        for workload in group.workloads {
            guard let location = workload.networkLocation else { continue }
            evidence.append(Evidence(location + "/assignPublicIp", "assignPublicIp is ENABLED: the task is meant to reach the internet directly"))
        }
        evidence += group.routings.map(NetworkFixes.evidence(of:))
        if context.index.has(.internetGateways) {
            let gateways = context.index.internetGatewayIds(attachedTo: vpcId)
            evidence.append(Evidence("", gateways.isEmpty ? "no internet gateway is attached to \(vpcId)"
                : "\(vpcId) has internet gateway \(gateways.joined(separator: ", ")) attached, "
                    + "but \(group.routeTableIds.joined(separator: ", ")) does not route 0.0.0.0/0 to it"))
        }
        return evidence + NetworkFixes.dependencyEvidence(group.blocked)
    }

    static func fix(_ group: RouteGroup, vpcId: String, gateway: FixValue, creation: InternetGatewayCreation?) -> Fix {
        var steps: [String] = []
        var commands: [String] = []
        var terraform: [String] = []
        if let creation {
            steps.append("Create an internet gateway and attach it to \(vpcId).")
            commands += creation.commands
            terraform.append(creation.terraform)
        }
        for routing in group.routings.uniquedByTable() {
            let change = DefaultRouteChange(routeTableId: routing.table.routeTableId, target: .internetGateway(gateway),
                                            replacesExisting: RouteAnalysis.defaultRoute(of: routing.table) != nil)
            let main = routing.usesMainTable
                ? " (the VPC's main table, which \(routing.subnetId) uses implicitly; consider a dedicated public route table)" : ""
            steps.append("Point 0.0.0.0/0 of \(routing.table.routeTableId) at \(gateway.text)\(main).")
            commands.append(change.command)
            terraform.append(change.terraform)
        }
        steps.append("Or keep the subnets private: set assignPublicIp to DISABLED and give them a NAT gateway route or the VPC endpoints the task needs.")
        steps += NetworkFixes.redeployStep(group.workloads)
        return Fix(summary: "Route 0.0.0.0/0 from \(group.routeTableIds.joined(separator: ", ")) to an internet gateway attached to \(vpcId)",
                   steps: steps, commands: commands, terraform: terraform.joined(separator: "\n\n"))
    }
}

extension Array where Element == SubnetRouting {
    /// One routing per route table, in order.
    func uniquedByTable() -> [SubnetRouting] {
        var seen = Set<String>()
        return filter { seen.insert($0.table.routeTableId).inserted }
    }
}
