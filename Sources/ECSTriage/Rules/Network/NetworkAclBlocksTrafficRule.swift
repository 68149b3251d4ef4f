/// A network ACL on the way denies the request or its return traffic.
struct NetworkAclBlocksTrafficRule: Rule {
    static let description = RuleDescription(
        id: "nacl-blocks-traffic", title: "Network ACL blocks HTTPS or its return traffic", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed], needs: [.networkAcls, .routeTables],
        examples: [
            .triggers("inbound ephemeral ports denied", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway()),
                Fixture.array("NetworkAcls", #"{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false, "Associations": [{"SubnetId": "subnet-a"}], "Entries": [{"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 443}}, {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 80, "To": 80}}, {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"}, {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0"}]}"#)),
                resources: ["acl-1"], confidence: .likely),
            .quiet("ephemeral allowed, a deny numbered after the allow", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway()),
                Fixture.array("NetworkAcls", #"{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false, "Associations": [{"SubnetId": "subnet-a"}], "Entries": [{"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 443}}, {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 1024, "To": 65535}}, {"RuleNumber": 200, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"}, {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0"}]}"#))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let check = BlockedHopCheck(description: Self.description, kind: .networkAcl)
        return check.blocked(context).map { blocked in
            let aclId = blocked.hop.verdict.explanation.split(separator: " ").first { $0.hasPrefix("acl-") }.map(String.init) ?? "<acl-id>"
            let inbound = blocked.hop.verdict.explanation.contains("inbound")
            return check.finding(
                blocked, context,
                title: "Network ACL \(aclId) blocks \(inbound ? "the return traffic (inbound ephemeral ports)" : "outbound HTTPS") for \(check.dependencyNames(blocked))",
                resources: [.networkAcl(aclId)],
                fix: Fix(summary: inbound ? "Allow inbound TCP 1024-65535 (return traffic) in \(aclId), before any deny" : "Allow outbound TCP 443 in \(aclId), before any deny",
                         steps: ["Network ACLs are stateless: a request out on 443 needs a rule letting the reply back in on ephemeral ports 1024-65535.",
                                 "Rules apply in RuleNumber order and the first match wins: number the allow below any deny that covers it."],
                         commands: [inbound
                            ? "aws ec2 create-network-acl-entry --network-acl-id \(aclId) --ingress --rule-number 90 --protocol tcp --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow"
                            : "aws ec2 create-network-acl-entry --network-acl-id \(aclId) --egress --rule-number 90 --protocol tcp --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow"],
                         terraform: "resource \"aws_network_acl_rule\" \"\(inbound ? "ephemeral_in" : "https_out")\" {\n  network_acl_id = \"\(aclId)\"\n  rule_number    = 90\n  egress         = \(inbound ? "false" : "true")\n  protocol       = \"tcp\"\n  rule_action    = \"allow\"\n  cidr_block     = \"0.0.0.0/0\"\n  from_port      = \(inbound ? 1024 : 443)\n  to_port        = \(inbound ? 65535 : 443)\n}"))
        }
    }
}
