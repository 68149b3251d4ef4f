/// The VPC has an S3 gateway endpoint, but not on the route table of the task
/// subnet: ECR manifests resolve, image layers (served from S3) time out.
struct S3GatewayEndpointNotAssociatedRule: Rule {
    static let description = RuleDescription(
        id: "s3-gateway-endpoint-not-associated", title: "S3 gateway endpoint not on the task subnet's route table",
        category: .network, severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed],
        needs: [.subnets, .routeTables, .vpcEndpoints],
        examples: [
            .triggers("gateway endpoint on another table, layer download timeout", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: #"CannotPullContainerError: ref pull has been retried 5 time(s): failed to copy: httpReadSeeker: failed open: failed to do request: Get \"https://prod-us-east-1-starport-layer-bucket.s3.us-east-1.amazonaws.com/a1b2\": dial tcp 52.216.0.1:443: i/o timeout"#)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(), Fixture.routeTable("rtb-other", subnets: ["subnet-b"])),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-other"])),
                resources: ["vpce-s3"], confidence: .confirmed),
            .quiet("gateway endpoint on the task subnet's table", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-other", "rtb-a"]))),
            .quiet("gateway endpoint elsewhere but the subnet has a NAT route", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public")),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1"),
                              Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1")),
                Fixture.array("NatGateways", Fixture.natGateway()),
                Fixture.endpoints([], s3RouteTables: ["rtb-public"]))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for network in context.network {
            var seenTables = Set<String>()
            for paths in network.subnets {
                guard let s3 = paths.unreachable.first(where: { $0.target == "s3" }), let vpcId = paths.routing.vpcId,
                      seenTables.insert(paths.routing.table.routeTableId).inserted else { continue }
                let gateways = context.index.endpoints(inVpc: vpcId).filter { $0.isGateway && $0.shortServiceName == "s3" }
                guard let endpoint = gateways.first else { continue }
                let routing = paths.routing
                let workload = network.workload
                let subnetIds = network.subnets.filter { $0.routing.table.routeTableId == routing.table.routeTableId }.map(\.routing.subnetId)
                let symptoms = context.networkSymptoms(on: workload, blocked: [s3])
                var evidence = symptoms.map(\.evidence)
                evidence.append(Evidence(endpoint.location + "/RouteTableIds",
                                         "S3 gateway endpoint \(endpoint.vpcEndpointId) is on \(endpoint.routeTableIds.isEmpty ? "no route table" : endpoint.routeTableIds.joined(separator: ", ")), not on \(routing.table.routeTableId)"))
                evidence.append(NetworkFixes.evidence(of: routing))
                evidence.append(Evidence(s3.location, "needs S3: \(s3.reason)"))
                findings.append(Self.description.finding(
                    title: "S3 gateway endpoint \(endpoint.vpcEndpointId) is not on \(routing.table.routeTableId), so image layers from S3 cannot download",
                    explains: symptoms,
                    resources: [ResourceID(.vpcEndpoint, endpoint.vpcEndpointId), .routeTable(routing.table.routeTableId)] + subnetIds.map(ResourceID.subnet) + [workload.resource],
                    evidence: evidence,
                    fix: Fix(summary: "Associate \(endpoint.vpcEndpointId) with \(routing.table.routeTableId)",
                             steps: ["Add \(routing.table.routeTableId) to the S3 gateway endpoint's route tables; AWS then adds the S3 prefix-list route to it.",
                                     "Make sure the task security group allows egress on 443 to the S3 prefix list (or to 0.0.0.0/0).",
                                     "Start a new deployment once the route is in place."],
                             commands: ["aws ec2 modify-vpc-endpoint --vpc-endpoint-id \(endpoint.vpcEndpointId) --add-route-table-ids \(routing.table.routeTableId)"],
                             terraform: """
                             resource "aws_vpc_endpoint_route_table_association" "tasks" {
                               vpc_endpoint_id = "\(endpoint.vpcEndpointId)"
                               route_table_id  = "\(routing.table.routeTableId)"
                             }
                             """)))
            }
        }
        return findings
    }
}
