/// The task's security groups allow no egress to what the task must reach.
struct TaskSecurityGroupBlocksEgressRule: Rule {
    static let description = RuleDescription(
        id: "task-sg-blocks-egress", title: "Task security group blocks egress on 443", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed], needs: [.securityGroups, .routeTables],
        examples: [
            .triggers("egress only to the VPC, S3 via prefix list blocked", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", #"{"RouteTableId": "rtb-a", "VpcId": "vpc-1", "Associations": [{"Main": false, "SubnetId": "subnet-a"}], "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}, {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-s3", "State": "active"}]}"#),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]),
                Fixture.array("SecurityGroups",
                              #"{"GroupId": "sg-task", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}], "PrefixListIds": [], "UserIdGroupPairs": []}]}"#,
                              #"{"GroupId": "sg-endpoint", "VpcId": "vpc-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}], "UserIdGroupPairs": []}], "IpPermissionsEgress": []}"#)),
                resources: ["sg-task"], confidence: .likely),
            .quiet("egress to the S3 prefix list and the endpoint security group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", #"{"RouteTableId": "rtb-a", "VpcId": "vpc-1", "Associations": [{"Main": false, "SubnetId": "subnet-a"}], "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}, {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-s3", "State": "active"}]}"#),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]),
                Fixture.array("SecurityGroups",
                              #"{"GroupId": "sg-task", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [], "PrefixListIds": [{"PrefixListId": "pl-63a5400a"}], "UserIdGroupPairs": [{"GroupId": "sg-endpoint"}]}]}"#,
                              #"{"GroupId": "sg-endpoint", "VpcId": "vpc-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [], "UserIdGroupPairs": [{"GroupId": "sg-task"}]}], "IpPermissionsEgress": []}"#))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let check = BlockedHopCheck(description: Self.description, kind: .taskSecurityGroup)
        return check.blocked(context).map { blocked in
            let groups = blocked.network.workload.securityGroupIds
            let group = groups.first ?? "<sg-id>"
            var commands: [String] = []
            var steps: [String] = []
            for path in blocked.paths {
                if case let .prefixList(id) = path.peer {
                    commands.append("aws ec2 authorize-security-group-egress --group-id \(group) --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=\(id)}]'")
                    steps.append("\(path.dependency.displayName) goes through \(path.route): allow 443 to its prefix list \(id).")
                } else if let endpoint = path.endpoint, endpoint.isInterface, let endpointGroup = endpoint.securityGroupIds.first {
                    commands.append("aws ec2 authorize-security-group-egress --group-id \(group) --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=\(endpointGroup)}]'")
                    steps.append("\(path.dependency.displayName) goes through \(path.route): allow 443 to its security group \(endpointGroup).")
                } else {
                    commands.append("aws ec2 authorize-security-group-egress --group-id \(group) --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'")
                    steps.append("\(path.dependency.displayName) goes through \(path.route): allow 443 to 0.0.0.0/0.")
                }
            }
            var unique = Set<String>()
            return check.finding(
                blocked, context,
                title: "Task security group \(groups.joined(separator: ", ")) blocks 443 to \(check.dependencyNames(blocked))",
                resources: groups.map(ResourceID.securityGroup),
                fix: Fix(summary: "Allow TCP 443 egress from \(groups.joined(separator: ", ")) to each destination",
                         steps: steps.filter { unique.insert($0).inserted }, commands: Array(Set(commands)).sorted(),
                         terraform: "resource \"aws_vpc_security_group_egress_rule\" \"https\" {\n  security_group_id = \"\(group)\"\n  ip_protocol       = \"tcp\"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv4         = \"0.0.0.0/0\" # or prefix_list_id / referenced_security_group_id\n}"))
        }
    }
}
