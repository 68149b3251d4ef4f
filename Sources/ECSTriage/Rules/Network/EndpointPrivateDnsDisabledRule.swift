/// An interface endpoint the task needs has private DNS off, so the service's
/// usual name still resolves to public addresses the private subnet cannot reach.
struct EndpointPrivateDnsDisabledRule: Rule {
    static let description = RuleDescription(
        id: "endpoint-private-dns-disabled", title: "Interface endpoint has private DNS disabled", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed], needs: [.vpcEndpoints, .routeTables],
        examples: [
            .triggers("ecr.api endpoint without private DNS", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]).replacingOccurrences(of: #""PrivateDnsEnabled": true"#, with: #""PrivateDnsEnabled": false"#)),
                resources: ["vpce-0"], confidence: .likely),
            .quiet("private DNS off but a NAT route", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public")),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1"), Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1")),
                Fixture.array("NatGateways", Fixture.natGateway()),
                Fixture.endpoints(["ecr.api"]).replacingOccurrences(of: #""PrivateDnsEnabled": true"#, with: #""PrivateDnsEnabled": false"#))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let check = BlockedHopCheck(description: Self.description, kinds: [.dns], accepts: { path, _ in path.endpoint?.privateDnsEnabled == false },
                                    groupKey: { _ in "" })
        return check.blocked(context).map { blocked in
            let endpoints = Self.endpoints(of: blocked)
            return check.finding(blocked, context, title: Self.title(endpoints, blocked),
                                 resources: endpoints.map { ResourceID(.vpcEndpoint, $0.vpcEndpointId) }, fix: Self.fix(endpoints))
        }
    }
}

// MARK: Messages and fixes

extension EndpointPrivateDnsDisabledRule {
    static func endpoints(of blocked: BlockedHopCheck.Blocked) -> [VpcEndpoint] {
        var seen = Set<String>()
        return blocked.paths.compactMap(\.endpoint).filter { seen.insert($0.vpcEndpointId).inserted }
    }

    static func title(_ endpoints: [VpcEndpoint], _ blocked: BlockedHopCheck.Blocked) -> String {
        "Private DNS is off on \(endpoints.map(\.vpcEndpointId).joined(separator: ", ")), so \(blocked.dependencyNames) resolves to public addresses"
    }

    static func fix(_ endpoints: [VpcEndpoint]) -> Fix {
        Fix(summary: "Turn on private DNS for \(endpoints.map(\.vpcEndpointId).joined(separator: ", "))",
            steps: ["ECS and the SDKs call the service's regional name; only private DNS makes it resolve to the endpoint.",
                    "Private DNS needs the VPC's enableDnsSupport and enableDnsHostnames on."],
            commands: endpoints.map { "aws ec2 modify-vpc-endpoint --vpc-endpoint-id \(ShellWord.quoted($0.vpcEndpointId)) --private-dns-enabled" },
            terraform: endpoints.map(terraform).joined(separator: "\n\n"))
    }

    /// The endpoint as Terraform declares it, private DNS on.
    static func terraform(_ endpoint: VpcEndpoint) -> String {
        let groups = endpoint.securityGroupIds.map { "\"\($0)\"" }.joined(separator: ", ")
        let subnets = endpoint.subnetIds.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
        resource "aws_vpc_endpoint" "\(TerraformName.label(endpoint.shortServiceName))" {
          vpc_id              = "\(endpoint.vpcId ?? "")"
          service_name        = "\(endpoint.serviceName)"
          vpc_endpoint_type   = "Interface"
          subnet_ids          = [\(subnets)]
          security_group_ids  = [\(groups)]
          private_dns_enabled = true
        }
        """
    }
}
