/// The VPC has DNS support or DNS hostnames off while tasks rely on interface endpoints.
struct VpcDnsDisabledRule: Rule {
    static let description = RuleDescription(
        id: "vpc-dns-disabled", title: "VPC DNS support or hostnames disabled", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed], needs: [.vpcAttributes, .vpcEndpoints],
        examples: [
            .triggers("enableDnsHostnames off", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.array("Vpcs", #"{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}"#),
                Fixture.array("VpcAttributes", #"{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": false}}"#),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"])),
                resources: ["vpc-1"], confidence: .likely),
            .quiet("both on", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.array("VpcAttributes", #"{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": true}}"#),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let check = BlockedHopCheck(description: Self.description, kind: .dns) { $0.endpoint?.privateDnsEnabled != false }
        return check.blocked(context).map { blocked in
            let vpcId = blocked.network.subnets.first?.routing.vpcId ?? "<vpc-id>"
            let vpc = context.index.vpc(vpcId)
            var commands: [String] = []
            if vpc?.enableDnsSupport == false { commands.append("aws ec2 modify-vpc-attribute --vpc-id \(vpcId) --enable-dns-support '{\"Value\":true}'") }
            if vpc?.enableDnsHostnames == false { commands.append("aws ec2 modify-vpc-attribute --vpc-id \(vpcId) --enable-dns-hostnames '{\"Value\":true}'") }
            return check.finding(
                blocked, context,
                title: "\(vpcId) has VPC DNS off, so the endpoints' private names do not resolve for \(check.dependencyNames(blocked))",
                resources: [.vpc(vpcId)],
                fix: Fix(summary: "Turn on enableDnsSupport and enableDnsHostnames on \(vpcId)",
                         steps: ["Interface endpoints' private DNS works only when the VPC resolves DNS (enableDnsSupport) and gives DNS hostnames (enableDnsHostnames)."],
                         commands: commands,
                         terraform: "resource \"aws_vpc\" \"main\" {\n  enable_dns_support   = true\n  enable_dns_hostnames = true\n}"))
        }
    }
}
