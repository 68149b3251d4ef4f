/// A network ACL on the way denies the request or its return traffic: the
/// origin subnet's (request out, reply in on ephemeral ports) or the far end's
/// (an endpoint's or mount target's subnet). ACLs are stateless and ordered.
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
            .quiet("protocol -1 entries written with PortRange 0-0 (Terraform's from_port = 0, to_port = 0)", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway()),
                Fixture.array("NetworkAcls", #"{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false, "Associations": [{"SubnetId": "subnet-a"}], "Entries": [{"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 0, "To": 0}}, {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 0, "To": 0}}, {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"}, {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0"}]}"#))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let check = BlockedHopCheck(description: Self.description, kinds: [.networkAcl], accepts: { _, hop in hop.aclEntry != nil },
                                    groupKey: { hop in hop.aclEntry.map { "\($0.networkAclId)|\($0.egress)" } ?? hop.location })
        return check.blocked(context).compactMap { blocked in
            let needed = Self.widest(blocked.hops.compactMap(\.aclEntry).uniqued())
            guard let first = needed.first else { return nil }
            let entries = Self.numbered(needed, acl: context.index.networkAcl(first.networkAclId))
            return check.finding(blocked, context, title: Self.title(first, blocked), resources: [.networkAcl(first.networkAclId)],
                                 fix: Self.fix(entries))
        }
    }
}

// MARK: Messages and fixes

extension NetworkAclBlocksTrafficRule {
    struct Entry: Equatable {
        var needed: NetworkAclEntryNeeded
        var ruleNumber: Int
    }

    /// The entries without those another one covers (same direction and ports, a block containing theirs).
    static func widest(_ needed: [NetworkAclEntryNeeded]) -> [NetworkAclEntryNeeded] {
        needed.filter { entry in
            !needed.contains { other in
                other != entry && other.egress == entry.egress && other.ports.contains(entry.ports.lowerBound) && other.ports.contains(entry.ports.upperBound)
                    && (CIDR(other.cidr).flatMap { outer in CIDR(entry.cidr).map(outer.contains) } ?? false)
            }
        }
    }

    /// Each entry numbered below the rule that denies today (the first match wins), on a number the ACL
    /// does not use in that direction: the highest free multiple of ten, else the highest free number.
    static func numbered(_ needed: [NetworkAclEntryNeeded], acl: NetworkAcl?) -> [Entry] {
        var used = Set((acl?.entries ?? []).filter { $0.egress == needed.first?.egress }.map(\.ruleNumber))
        return needed.map { entry in
            let below = min(entry.denyingRule, 32767)
            let roundFree = stride(from: (below - 1) / 10 * 10, through: 10, by: -10).first { $0 < below && !used.contains($0) }
            let anyFree = stride(from: below - 1, through: 1, by: -1).first { !used.contains($0) }
            let number = roundFree ?? anyFree ?? 1
            used.insert(number)
            return Entry(needed: entry, ruleNumber: number)
        }
    }

    static func title(_ entry: NetworkAclEntryNeeded, _ blocked: BlockedHopCheck.Blocked) -> String {
        let what = entry.egress ? "outbound TCP \(portText(entry.ports))" : entry.ports.lowerBound >= 1024 && entry.ports.upperBound == 65535
            ? "the return traffic (inbound ephemeral ports)" : "inbound TCP \(portText(entry.ports))"
        return "Network ACL \(entry.networkAclId) blocks \(what) for \(blocked.dependencyNames)"
    }

    static func portText(_ ports: ClosedRange<Int>) -> String {
        ports.lowerBound == ports.upperBound ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"
    }

    static func command(_ entry: Entry) -> String {
        let needed = entry.needed
        return "aws ec2 create-network-acl-entry --network-acl-id \(ShellWord.quoted(needed.networkAclId)) \(needed.egress ? "--egress" : "--ingress") "
            + "--rule-number \(entry.ruleNumber) --protocol tcp --port-range From=\(needed.ports.lowerBound),To=\(needed.ports.upperBound) "
            + "--cidr-block \(needed.cidr) --rule-action allow"
    }

    static func terraform(_ entry: Entry) -> String {
        let needed = entry.needed
        return """
        resource "aws_network_acl_rule" "\(TerraformName.label("\(needed.networkAclId)_\(needed.egress ? "out" : "in")_\(entry.ruleNumber)"))" {
          network_acl_id = "\(needed.networkAclId)"
          rule_number    = \(entry.ruleNumber)
          egress         = \(needed.egress)
          protocol       = "tcp"
          rule_action    = "allow"
          cidr_block     = "\(needed.cidr)"
          from_port      = \(needed.ports.lowerBound)
          to_port        = \(needed.ports.upperBound)
        }
        """
    }

    static func fix(_ entries: [Entry]) -> Fix {
        let summary = entries.map { entry in
            let needed = entry.needed
            return "\(needed.egress ? "outbound" : "inbound") TCP \(portText(needed.ports)) \(needed.egress ? "to" : "from") \(needed.cidr)"
        }
        return Fix(summary: "Allow \(summary.joined(separator: ", ")) in \(entries[0].needed.networkAclId), numbered before the rule that denies it",
                   steps: ["Network ACLs are stateless: a request out needs a rule letting the reply back in on ephemeral ports 1024-65535, "
                           + "and the far end the reverse.",
                           "Rules apply in RuleNumber order and the first match wins: the new allow is numbered below the deny that matches today."],
                   commands: entries.map(command), terraform: entries.map(terraform).joined(separator: "\n\n"))
    }
}
