/// The task subnet's default route exists but cannot carry traffic: a NAT
/// gateway that is gone, failed, private or itself without an internet
/// route, or a blackhole.
struct NatGatewayUnusableRule: Rule {
    static let description = RuleDescription(
        id: "nat-gateway-unusable", title: "Default route points at an unusable NAT gateway or a blackhole",
        category: .network, severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed],
        needs: [.subnets, .routeTables, .natGateways],
        examples: [
            .triggers("route to a deleted NAT gateway", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1", defaultState: "blackhole")),
                Fixture.array("NatGateways", Fixture.natGateway(state: "deleted"))),
                resources: ["nat-1"], confidence: .confirmed),
            .triggers("NAT gateway in a subnet without an internet route", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public")),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1"),
                              Fixture.routeTable("rtb-public", subnets: ["subnet-public"])),
                Fixture.array("NatGateways", Fixture.natGateway())),
                resources: ["nat-1"], confidence: .likely),
            .quiet("available NAT gateway in a public subnet", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "nginx:1.27")),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public")),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1"),
                              Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1")),
                Fixture.array("NatGateways", Fixture.natGateway()),
                Fixture.array("InternetGateways", Fixture.internetGateway()))),
            .triggers("route to a deleted NAT gateway, another NAT available: the fix points at it", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public", cidr: "10.0.0.0/24")),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-old", defaultState: "blackhole"),
                              Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway()),
                Fixture.array("NatGateways", Fixture.natGateway("nat-old", state: "deleted"), Fixture.natGateway("nat-new"))),
                resources: ["nat-old"], confidence: .likely),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let groups = RouteGroup.collect(context) { _, paths in
            guard case let .unusable(_, route, natGatewayId) = paths.routing.internet, natGatewayId != nil || route.isBlackhole,
                  let vpcId = paths.routing.vpcId else { return nil }
            return ("\(vpcId)|\(natGatewayId ?? route.targetDescription)", paths.unreachable)
        }
        return groups.compactMap { group in
            guard case let .unusable(reason, route, natGatewayId) = group.first.routing.internet, let vpcId = group.vpcId else { return nil }
            let plan = Self.repair(group, natGatewayId: natGatewayId, vpcId: vpcId, context: context)
            let symptoms = group.symptoms(context)
            return Self.description.finding(
                title: Self.title(group, reason: reason), severity: group.blocked.isEmpty ? .medium : .critical, explains: symptoms,
                resources: group.resources(leading: ResourceID.inferred([natGatewayId ?? route.targetDescription])),
                evidence: symptoms.map(\.evidence) + Self.evidence(group, route: route, reason: reason, natGatewayId: natGatewayId, context: context),
                fix: plan.fix, missingEvidence: plan.missing)
        }
    }
}

// MARK: Messages and fixes

extension NatGatewayUnusableRule {
    static func title(_ group: RouteGroup, reason: String) -> String {
        "Default route of \(group.routeTableIds.joined(separator: ", ")) is unusable: \(reason)"
    }

    static func evidence(_ group: RouteGroup, route: Route, reason: String, natGatewayId: String?, context: AnalysisContext) -> [Evidence] {
        var evidence = [Evidence(route.location, "0.0.0.0/0 -> \(route.targetDescription)\(route.isBlackhole ? " (State: blackhole)" : "")")]
        evidence.append(Evidence(natGatewayId.flatMap(context.index.natGateway)?.location ?? "", reason))
        return evidence + NetworkFixes.dependencyEvidence(group.blocked)
    }

    /// A NAT gateway that works: available, public, and in a subnet whose table routes to an attached internet gateway.
    static func usableNat(inVpc vpcId: String, except excluded: String?, _ index: SnapshotIndex) -> NatGateway? {
        index.natGateways(inVpc: vpcId).first { nat in
            guard nat.natGatewayId != excluded, nat.state?.lowercased() == "available", nat.connectivityType?.lowercased() != "private",
                  let subnet = nat.subnetId, let (table, _) = index.effectiveRouteTable(forSubnet: subnet) else { return false }
            if case .internetGateway = RouteAnalysis.internetRoute(of: table, in: index, depth: 1) { return true }
            return false
        }
    }

    /// A subnet of the VPC whose table routes 0.0.0.0/0 to an attached internet gateway, in `zone` if one is.
    static func publicSubnet(inVpc vpcId: String, zone: String?, _ index: SnapshotIndex) -> Subnet? {
        let candidates = index.subnets(inVpc: vpcId).filter { subnet in
            guard let (table, _) = index.effectiveRouteTable(forSubnet: subnet.subnetId) else { return false }
            if case .internetGateway = RouteAnalysis.internetRoute(of: table, in: index, depth: 1) { return true }
            return false
        }
        return candidates.first { $0.availabilityZone == zone } ?? candidates.first
    }

    /// The commands that give the tables a working default route: the NAT gateway's own subnet routed to
    /// the internet gateway when that is all it lacks; else another working NAT gateway; else a new one in a public subnet.
    static func repair(_ group: RouteGroup, natGatewayId: String?, vpcId: String, context: AnalysisContext) -> (fix: Fix, missing: [MissingEvidence]) {
        let index = context.index
        let steps = ["Tasks in a private subnet reach the internet through a public NAT gateway that sits in a subnet routed to an internet gateway."]
            + NetworkFixes.redeployStep(group.workloads)
        if let id = natGatewayId, let nat = index.natGateway(id), nat.state?.lowercased() == "available", nat.connectivityType?.lowercased() != "private",
           let natSubnet = nat.subnetId, let (natTable, _) = index.effectiveRouteTable(forSubnet: natSubnet),
           let gateway = index.internetGatewayIds(attachedTo: vpcId).first {
            let change = DefaultRouteChange(routeTableId: natTable.routeTableId, target: .internetGateway(.literal(gateway)),
                                            replacesExisting: RouteAnalysis.defaultRoute(of: natTable) != nil)
            return (Fix(summary: "Route 0.0.0.0/0 of \(natTable.routeTableId), the table of \(id)'s subnet \(natSubnet), to \(gateway)",
                        steps: steps, commands: [change.command], terraform: change.terraform), [])
        }
        var commands: [String] = []
        var terraform: [String] = []
        var missing: [MissingEvidence] = []
        let target: FixValue
        if let nat = usableNat(inVpc: vpcId, except: natGatewayId, index) {
            target = .literal(nat.natGatewayId)
        } else if let subnet = publicSubnet(inVpc: vpcId, zone: index.subnet(group.first.subnetId)?.availabilityZone, index) {
            let creation = NatGatewayCreation(publicSubnetId: subnet.subnetId)
            commands += creation.commands
            terraform.append(creation.terraform)
            target = creation.value
        } else {
            let creation = NatGatewayCreation(publicSubnetId: "<public-subnet-id>")
            commands += creation.commands
            terraform.append(creation.terraform)
            target = creation.value
            missing.append(MissingEvidence(why: "a subnet of \(vpcId) routed to an internet gateway, for a new NAT gateway",
                                           command: "aws ec2 describe-route-tables --filters Name=vpc-id,Values=\(vpcId) Name=route.gateway-id,Values=igw-*"))
        }
        let named = commands.isEmpty ? " (\(target.text))" : ", created in a public subnet"
        for table in group.routeTableIds {
            let change = DefaultRouteChange(routeTableId: table, target: .natGateway(target), replacesExisting: true)
            commands.append(change.command)
            terraform.append(change.terraform)
        }
        return (Fix(summary: "Point 0.0.0.0/0 of \(group.routeTableIds.joined(separator: ", ")) at a working NAT gateway\(named)",
                    steps: steps, commands: commands, terraform: terraform.joined(separator: "\n\n")), missing)
    }
}
