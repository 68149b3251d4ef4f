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
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for network in context.network {
            var seenTables = Set<String>()
            for paths in network.subnets {
                guard case let .unusable(reason, route, natGatewayId) = paths.routing.internet,
                      natGatewayId != nil || route.isBlackhole,
                      seenTables.insert(paths.routing.table.routeTableId).inserted else { continue }
                let routing = paths.routing
                let workload = network.workload
                let subnetIds = network.subnets.filter { $0.routing.table.routeTableId == routing.table.routeTableId }.map(\.routing.subnetId)
                let symptoms = context.networkSymptoms(on: workload, blocked: paths.unreachable)
                var evidence = symptoms.map(\.evidence)
                evidence.append(Evidence(route.location, "0.0.0.0/0 -> \(route.targetDescription)\(route.isBlackhole ? " (State: blackhole)" : "")"))
                if let natGatewayId, let nat = context.index.natGateway(natGatewayId) {
                    evidence.append(Evidence(nat.location, reason))
                } else {
                    evidence.append(Evidence("", reason))
                }
                evidence += NetworkFixes.dependencyEvidence(paths.unreachable)
                let target = natGatewayId ?? route.targetDescription
                findings.append(Self.description.finding(
                    title: "Default route of \(routing.table.routeTableId) is unusable: \(reason)",
                    severity: paths.unreachable.isEmpty ? .medium : .critical,
                    explains: symptoms,
                    resources: ResourceID.inferred([target]) + [.routeTable(routing.table.routeTableId)] + subnetIds.map(ResourceID.subnet) + [workload.resource],
                    evidence: evidence,
                    fix: Fix(summary: "Point 0.0.0.0/0 of \(routing.table.routeTableId) at an available NAT gateway in a public subnet",
                             steps: ["Use (or create) a NAT gateway in a public subnet, one whose route table sends 0.0.0.0/0 to an internet gateway, with connectivity type public.",
                                     "Replace the default route of \(routing.table.routeTableId) so it points at that NAT gateway.",
                                     "Start a new deployment once the route works."],
                             commands: ["aws ec2 describe-nat-gateways --filter Name=vpc-id,Values=\(routing.vpcId ?? "<vpc-id>") Name=state,Values=available",
                                        "aws ec2 replace-route --route-table-id \(routing.table.routeTableId) --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <available-nat-id>"],
                             terraform: """
                             resource "aws_route" "private_default" {
                               route_table_id         = "\(routing.table.routeTableId)"
                               destination_cidr_block = "0.0.0.0/0"
                               nat_gateway_id         = aws_nat_gateway.public.id # in a subnet routed to an internet gateway
                             }
                             """)))
            }
        }
        return findings
    }
}
