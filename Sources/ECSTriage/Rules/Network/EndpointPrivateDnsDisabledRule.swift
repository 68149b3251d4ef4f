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
        let check = BlockedHopCheck(description: Self.description, kind: .dns, accepts: { $0.endpoint?.privateDnsEnabled == false }, onePerWorkload: true)
        return check.blocked(context).map { blocked in
            let endpoints = blocked.paths.compactMap(\.endpoint)
            return check.finding(
                blocked, context,
                title: "Private DNS is off on \(endpoints.map(\.vpcEndpointId).joined(separator: ", ")), so \(check.dependencyNames(blocked)) resolves to public addresses",
                resources: endpoints.map { ResourceID(.vpcEndpoint, $0.vpcEndpointId) },
                fix: Fix(summary: "Turn on private DNS for the endpoint(s)",
                         steps: ["ECS and the SDKs call the service's regional name; only private DNS makes it resolve to the endpoint.",
                                 "Private DNS needs the VPC's enableDnsSupport and enableDnsHostnames on."],
                         commands: endpoints.map { "aws ec2 modify-vpc-endpoint --vpc-endpoint-id \($0.vpcEndpointId) --private-dns-enabled" },
                         terraform: "resource \"aws_vpc_endpoint\" \"ecr_api\" {\n  private_dns_enabled = true\n}"))
        }
    }
}
