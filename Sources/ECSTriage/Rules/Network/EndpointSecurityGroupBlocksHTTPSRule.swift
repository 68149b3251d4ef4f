/// An interface endpoint's security groups do not admit the task on 443.
struct EndpointSecurityGroupBlocksHTTPSRule: Rule {
    static let description = RuleDescription(
        id: "endpoint-sg-blocks-https", title: "Endpoint security group does not allow 443 from the task", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed], needs: [.securityGroups, .vpcEndpoints],
        examples: [
            .triggers("endpoint SG allows only another group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]),
                Fixture.array("SecurityGroups",
                              #"{"GroupId": "sg-task", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}"#,
                              #"{"GroupId": "sg-endpoint", "VpcId": "vpc-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [], "UserIdGroupPairs": [{"GroupId": "sg-bastion"}]}], "IpPermissionsEgress": []}"#)),
                resources: ["sg-endpoint"], confidence: .likely),
            .quiet("endpoint SG allows the VPC CIDR", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]),
                Fixture.array("SecurityGroups",
                              #"{"GroupId": "sg-task", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}"#,
                              #"{"GroupId": "sg-endpoint", "VpcId": "vpc-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}], "UserIdGroupPairs": []}], "IpPermissionsEgress": []}"#))),
            .triggers("endpoint SG admits nothing, behind private DNS off: latent, reported", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]).replacingOccurrences(of: #""PrivateDnsEnabled": true"#, with: #""PrivateDnsEnabled": false"#),
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task"),
                              #"{"GroupId": "sg-endpoint", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": []}"#)),
                resources: ["sg-endpoint"], confidence: .likely),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let check = BlockedHopCheck(description: Self.description, kinds: [.endpointSecurityGroup], groupKey: { $0.location })
        return check.blocked(context).map { blocked in
            let endpoints = Self.endpoints(of: blocked)
            let groups = Self.groups(of: endpoints)
            let rules = groups.map { Self.ingressRule(into: $0, from: blocked.origin, context: context) }
            return check.finding(blocked, context, title: Self.title(endpoints, blocked.origin),
                                 resources: groups.map(ResourceID.securityGroup) + endpoints.map { ResourceID(.vpcEndpoint, $0.vpcEndpointId) },
                                 fix: Self.fix(groups, rules: rules, origin: blocked.origin))
        }
    }
}

// MARK: Messages and fixes

extension EndpointSecurityGroupBlocksHTTPSRule {
    static func endpoints(of blocked: BlockedHopCheck.Blocked) -> [VpcEndpoint] {
        var seen = Set<String>()
        return blocked.paths.compactMap(\.endpoint).filter { seen.insert($0.vpcEndpointId).inserted }
    }

    static func groups(of endpoints: [VpcEndpoint]) -> [String] {
        var seen = Set<String>()
        return endpoints.compactMap(\.securityGroupIds.first).filter { seen.insert($0).inserted }
    }

    /// 443 from the origin's groups (they keep working when subnets change), else from its subnet's block.
    static func ingressRule(into group: String, from origin: NetworkOrigin, context: AnalysisContext) -> SecurityGroupRule {
        let peers: [SecurityGroupRule.Peer] = origin.securityGroupIds.isEmpty
            ? [.cidr(context.index.subnet(origin.subnetId)?.cidrBlock ?? "<task-subnet-cidr>")]
            : origin.securityGroupIds.map { .group(.literal($0)) }
        return SecurityGroupRule(group: .literal(group), direction: .ingress, ports: 443...443, peers: peers, label: "endpoints_https_in")
    }

    static func title(_ endpoints: [VpcEndpoint], _ origin: NetworkOrigin) -> String {
        let caller = origin.isInstance ? origin.noun : "the task"
        return "Security group of endpoint \(endpoints.map(\.vpcEndpointId).joined(separator: ", ")) does not allow 443 from \(caller)"
    }

    static func fix(_ groups: [String], rules: [SecurityGroupRule], origin: NetworkOrigin) -> Fix {
        let from = origin.securityGroupIds.isEmpty ? "the callers' subnet" : origin.securityGroupIds.joined(separator: ", ")
        return Fix(summary: "Allow TCP 443 into \(groups.joined(separator: ", ")) from \(from)",
                   steps: ["Interface endpoints are ENIs with security groups: they must admit HTTPS from whatever calls them.",
                           "Referencing the caller's security group keeps working when subnets change."],
                   commands: rules.flatMap(\.commands), terraform: rules.map(\.terraform).joined(separator: "\n\n"))
    }
}
