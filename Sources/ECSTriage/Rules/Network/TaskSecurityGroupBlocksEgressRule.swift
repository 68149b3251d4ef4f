/// The security groups traffic leaves through (the task's, or on EC2 the
/// instance's) allow no egress to what the task needs: the endpoint, the S3
/// prefix list, the mount target, or the internet. A group with no egress
/// rule at all is reported even when the path is also blocked earlier
/// (Terraform removes a new group's default allow-all egress).
struct TaskSecurityGroupBlocksEgressRule: Rule {
    static let description = RuleDescription(
        id: "task-sg-blocks-egress", title: "Task security group blocks egress to what the task needs", category: .network,
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
            .triggers("no egress rule at all, behind missing endpoints: latent, reported", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                "\"VpcEndpoints\": []",
                Fixture.array("SecurityGroups", #"{"GroupId": "sg-task", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": []}"#)),
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
            .quiet("missing endpoints, egress open to 0.0.0.0/0: only the route is at fault", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                "\"VpcEndpoints\": []",
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        // One finding per set of groups: every destination they block, whatever the path.
        let check = BlockedHopCheck(description: Self.description, kinds: [.taskSecurityGroup], groupKey: { $0.location })
        return check.blocked(context).map { blocked in
            let groups = blocked.origin.securityGroupIds
            let rules = Self.egressRules(from: groups[0], paths: blocked.paths, index: context.index)
            return check.finding(blocked, context, title: Self.title(blocked, rules: rules), resources: groups.map(ResourceID.securityGroup),
                                 fix: Self.fix(blocked, rules: rules, index: context.index))
        }
    }
}

// MARK: Messages and fixes

extension TaskSecurityGroupBlocksEgressRule {
    /// Where each path's traffic goes, as a security group rule sees it: the S3 prefix list, the
    /// endpoint's or mount target's group, a VPC block, or anywhere (the internet, or a way out still to make).
    static func destination(of path: DependencyPath, index: SnapshotIndex) -> SecurityGroupRule.Peer {
        if case let .prefixList(id) = path.peer { return .prefixList(id) }
        if let endpoint = path.endpoint, endpoint.isInterface, let group = endpoint.securityGroupIds.first { return .group(.literal(group)) }
        if let target = path.mountTarget, let group = index.securityGroups(ofMountTarget: target)?.groupIds.first { return .group(.literal(group)) }
        if case let .block(block) = path.peer, path.mountTarget != nil { return .cidr("\(block)") }
        return .cidr("0.0.0.0/0")
    }

    /// One egress rule per port, with every destination the paths need on it.
    static func egressRules(from groupId: String, paths: [DependencyPath], index: SnapshotIndex) -> [SecurityGroupRule] {
        var rules: [SecurityGroupRule] = []
        for path in paths {
            let port = path.dependency.port
            let peer = destination(of: path, index: index)
            if let position = rules.firstIndex(where: { $0.ports.lowerBound == port }) {
                if !rules[position].peers.contains(peer) { rules[position].peers.append(peer) }
            } else {
                rules.append(SecurityGroupRule(group: .literal(groupId), direction: .egress, ports: port...port, peers: [peer], label: "egress_\(port)"))
            }
        }
        return rules
    }

    static func title(_ blocked: BlockedHopCheck.Blocked, rules: [SecurityGroupRule]) -> String {
        let groups = blocked.origin.securityGroupIds.joined(separator: ", ")
        let ports = rules.map { "\($0.ports.lowerBound)" }.joined(separator: " and ")
        let owner = blocked.origin.isInstance ? "Security group \(groups) of \(blocked.origin.noun)" : "Task security group \(groups)"
        return "\(owner) blocks \(ports) to \(blocked.dependencyNames)"
    }

    static func step(_ path: DependencyPath, _ peer: SecurityGroupRule.Peer) -> String {
        let how: String
        switch peer {
        case let .prefixList(id): how = "its prefix list \(id)"
        case let .group(value): how = "its security group \(value.text)"
        case .cidr("0.0.0.0/0"): how = path.hasNoRoute ? "0.0.0.0/0 (it has no way out yet; any endpoint or NAT gateway added will need this)" : "0.0.0.0/0"
        case let .cidr(block): how = block
        }
        return "\(path.dependency.displayName) goes through \(path.route): allow TCP \(path.dependency.port) to \(how)."
    }

    static func fix(_ blocked: BlockedHopCheck.Blocked, rules: [SecurityGroupRule], index: SnapshotIndex) -> Fix {
        let group = blocked.origin.securityGroupIds[0]
        var steps: [String] = []
        for path in blocked.paths {
            let text = step(path, destination(of: path, index: index))
            if !steps.contains(text) { steps.append(text) }
        }
        steps.append("Security groups are stateful: the replies need no rule. "
                     + "Terraform removes a new group's default allow-all egress, so write the rules out.")
        return Fix(summary: "Allow egress from \(group) to what the task needs (\(rules.map(\.portText).joined(separator: ", ")))",
                   steps: steps, commands: rules.flatMap(\.commands), terraform: rules.map(\.terraform).joined(separator: "\n\n"))
    }
}
