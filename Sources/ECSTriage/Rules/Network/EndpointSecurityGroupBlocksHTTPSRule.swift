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
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let check = BlockedHopCheck(description: Self.description, kind: .endpointSecurityGroup)
        return check.blocked(context).map { blocked in
            let endpointGroups = Array(Set(blocked.paths.compactMap { $0.endpoint?.securityGroupIds.first })).sorted()
            let taskGroup = blocked.network.workload.securityGroupIds.first ?? "<task-sg-id>"
            let endpoints = blocked.paths.compactMap { $0.endpoint?.vpcEndpointId }
            return check.finding(
                blocked, context,
                title: "Security group of endpoint \(endpoints.joined(separator: ", ")) does not allow 443 from the task",
                resources: endpointGroups.map(ResourceID.securityGroup) + endpoints.map { ResourceID(.vpcEndpoint, $0) },
                fix: Fix(summary: "Allow TCP 443 into \(endpointGroups.joined(separator: ", ")) from the task security group \(taskGroup) (or the task subnets' CIDR)",
                         steps: ["Interface endpoints are ENIs with security groups: they must admit HTTPS from the tasks.",
                                 "Referencing the task security group keeps working when subnets change."],
                         commands: endpointGroups.map { "aws ec2 authorize-security-group-ingress --group-id \($0) --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=\(taskGroup)}]'" },
                         terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"endpoints_https\" {\n  security_group_id            = \"\(endpointGroups.first ?? "<endpoint-sg>")\"\n  referenced_security_group_id = \"\(taskGroup)\"\n  ip_protocol                  = \"tcp\"\n  from_port                    = 443\n  to_port                      = 443\n}"))
        }
    }
}
