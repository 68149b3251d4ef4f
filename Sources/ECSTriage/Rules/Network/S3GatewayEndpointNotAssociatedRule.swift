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
        let groups = RouteGroup.collect(context) { _, paths in
            guard let s3 = paths.unreachable.first(where: { $0.target == "s3" }), let vpcId = paths.routing.vpcId,
                  let endpoint = Self.gatewayEndpoint(inVpc: vpcId, context) else { return nil }
            return ("\(endpoint.vpcEndpointId)", [s3])
        }
        return groups.compactMap { group in
            guard let vpcId = group.vpcId, let endpoint = Self.gatewayEndpoint(inVpc: vpcId, context) else { return nil }
            let symptoms = group.symptoms(context)
            return Self.description.finding(
                title: Self.title(endpoint, group), explains: symptoms,
                resources: group.resources(leading: [ResourceID(.vpcEndpoint, endpoint.vpcEndpointId)]),
                evidence: symptoms.map(\.evidence) + Self.evidence(endpoint, group), fix: Self.fix(endpoint, group))
        }
    }

    static func gatewayEndpoint(inVpc vpcId: String, _ context: AnalysisContext) -> VpcEndpoint? {
        context.index.endpoints(inVpc: vpcId).first { $0.isGateway && $0.shortServiceName == "s3" && ($0.state == nil || $0.isAvailable) }
    }
}

// MARK: Messages and fixes

extension S3GatewayEndpointNotAssociatedRule {
    static func title(_ endpoint: VpcEndpoint, _ group: RouteGroup) -> String {
        "S3 gateway endpoint \(endpoint.vpcEndpointId) is not on \(group.routeTableIds.joined(separator: ", ")), so image layers from S3 cannot download"
    }

    static func evidence(_ endpoint: VpcEndpoint, _ group: RouteGroup) -> [Evidence] {
        let on = endpoint.routeTableIds.isEmpty ? "no route table" : endpoint.routeTableIds.joined(separator: ", ")
        var evidence = [Evidence(endpoint.location + "/RouteTableIds",
                                 "S3 gateway endpoint \(endpoint.vpcEndpointId) is on \(on), not on \(group.routeTableIds.joined(separator: ", "))")]
        evidence += group.routings.map(NetworkFixes.evidence(of:))
        return evidence + group.blocked.map { Evidence($0.location, "needs S3: \($0.reason)") }
    }

    static func fix(_ endpoint: VpcEndpoint, _ group: RouteGroup) -> Fix {
        let tables = group.routeTableIds
        let associations = tables.map { table in
            """
            resource "aws_vpc_endpoint_route_table_association" "\(TerraformName.label(table))" {
              vpc_endpoint_id = "\(endpoint.vpcEndpointId)"
              route_table_id  = "\(table)"
            }
            """
        }
        return Fix(summary: "Associate \(endpoint.vpcEndpointId) with \(tables.joined(separator: ", "))",
                   steps: ["Add \(tables.joined(separator: ", ")) to the S3 gateway endpoint's route tables; AWS then adds the S3 prefix-list route to each.",
                           "Make sure the security groups allow egress on 443 to the S3 prefix list (or to 0.0.0.0/0)."]
                       + NetworkFixes.redeployStep(group.workloads),
                   commands: ["aws ec2 modify-vpc-endpoint --vpc-endpoint-id \(ShellWord.quoted(endpoint.vpcEndpointId)) --add-route-table-ids "
                              + tables.map(ShellWord.quoted).joined(separator: " ")],
                   terraform: associations.joined(separator: "\n\n"))
    }
}
