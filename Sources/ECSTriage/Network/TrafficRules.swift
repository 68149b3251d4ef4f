/// Where traffic goes, as security groups and network ACLs see it.
public enum TrafficPeer: Sendable, Equatable {
    /// An address on the internet or a public AWS endpoint whose IP the snapshot does not know.
    case publicAddress
    /// Addresses inside a known block (an endpoint's subnets, the task subnet).
    case block(CIDR)
    /// An AWS-managed prefix list (S3 gateway endpoint), plus the blocks it may stand for.
    case prefixList(String)
}

extension TrafficPeer {
    /// The block a rule for this peer names: the internet and AWS public ranges as 0.0.0.0/0.
    var cidrText: String {
        if case let .block(block) = self { return "\(block)" }
        return "0.0.0.0/0"
    }
}

/// A verdict on one hop, with the rule (or absence of one) that decided it.
public enum HopVerdict: Sendable, Equatable {
    case allowed(String)
    case blocked(String)
    case undetermined(String)

    public var isBlocked: Bool { if case .blocked = self { return true } else { return false } }
    public var isAllowed: Bool { if case .allowed = self { return true } else { return false } }
    public var explanation: String {
        switch self {
        case let .allowed(text), let .blocked(text), let .undetermined(text): return text
        }
    }

    /// The same verdict with more said.
    func appending(_ text: String) -> HopVerdict {
        switch self {
        case let .allowed(said): return .allowed(said + text)
        case let .blocked(said): return .blocked(said + text)
        case let .undetermined(said): return .undetermined(said + text)
        }
    }
}

/// Security groups are stateful: one allowing rule in any group passes the
/// traffic, and the return traffic needs no rule.
public enum SecurityGroupEvaluator {
    /// Does any of `groups` allow TCP `port` outbound to `peer`?
    public static func egress(_ groups: [SecurityGroup], port: Int, to peer: TrafficPeer, peerGroupIds: [String]) -> HopVerdict {
        evaluate(groups, rules: \.egress, port: port, peer: peer, peerGroupIds: peerGroupIds, direction: "egress", preposition: "to")
    }

    /// For traffic that has no way out yet: whatever destination the fix gives it (an endpoint,
    /// a NAT gateway), can it leave through `groups`? Blocked only when no egress rule covers the port at all.
    public static func egressToAnyDestination(_ groups: [SecurityGroup], port: Int) -> HopVerdict {
        let names = groups.map(\.groupId).joined(separator: ", ")
        var destinations: [String] = []
        for group in groups {
            for rule in group.egress where covers(rule, port: port) {
                if rule.cidrs.contains(where: { CIDR($0) == CIDR.everything }) {
                    return .allowed("\(group.groupId) egress allows TCP \(port) to 0.0.0.0/0")
                }
                destinations += rule.cidrs + rule.ipv6Cidrs + rule.prefixListIds + rule.groupIds
            }
        }
        if destinations.isEmpty {
            return .blocked("no egress rule of \(names) allows TCP \(port) to any destination")
        }
        let only = destinations.joined(separator: ", ")
        return .undetermined("\(names) allow\(groups.count == 1 ? "s" : "") TCP \(port) only to \(only): whether that covers it depends on the way out it gets")
    }

    /// Does any of `groups` allow TCP `port` inbound from `peer`?
    public static func ingress(_ groups: [SecurityGroup], port: Int, from peer: TrafficPeer, peerGroupIds: [String]) -> HopVerdict {
        evaluate(groups, rules: \.ingress, port: port, peer: peer, peerGroupIds: peerGroupIds, direction: "ingress", preposition: "from")
    }

    private static func evaluate(_ groups: [SecurityGroup], rules: KeyPath<SecurityGroup, [IpPermission]>, port: Int, peer: TrafficPeer,
                                 peerGroupIds: [String], direction: String, preposition: String) -> HopVerdict {
        var partial: [String] = []
        for group in groups {
            for rule in group[keyPath: rules] where covers(rule, port: port) {
                if let groupId = rule.groupIds.first(where: peerGroupIds.contains) {
                    return .allowed("\(group.groupId) \(direction) allows TCP \(port) \(preposition) \(groupId)")
                }
                for text in rule.cidrs {
                    guard let block = CIDR(text) else { continue }
                    switch peer {
                    case .publicAddress:
                        if block == CIDR.everything { return .allowed("\(group.groupId) \(direction) allows TCP \(port) \(preposition) 0.0.0.0/0") }
                        if !block.isPrivate { partial.append("\(group.groupId) allows \(text) only") }
                    case let .block(target):
                        if block.contains(target) { return .allowed("\(group.groupId) \(direction) allows TCP \(port) \(preposition) \(text)") }
                        if block.overlaps(target) { partial.append("\(group.groupId) allows \(text), part of \(target)") }
                    case .prefixList:
                        if block == CIDR.everything { return .allowed("\(group.groupId) \(direction) allows TCP \(port) \(preposition) 0.0.0.0/0") }
                        if !block.isPrivate { partial.append("\(group.groupId) allows \(text) only") }
                    }
                }
                if case let .prefixList(id) = peer, rule.prefixListIds.contains(id) {
                    return .allowed("\(group.groupId) \(direction) allows TCP \(port) \(preposition) prefix list \(id)")
                }
            }
        }
        let names = groups.map(\.groupId).joined(separator: ", ")
        if !partial.isEmpty {
            let near = partial.joined(separator: "; ")
            return .undetermined("no rule of \(names) clearly allows TCP \(port) \(direction) (\(near)): the service's addresses may fall outside")
        }
        return .blocked("no \(direction) rule of \(names) allows TCP \(port) \(preposition) \(describe(peer, peerGroupIds))")
    }

    static func covers(_ rule: IpPermission, port: Int) -> Bool {
        switch rule.ipProtocol.lowercased() {
        case "-1", "all": return true
        case "tcp", "6":
            guard let from = rule.fromPort, let to = rule.toPort else { return true }
            return from <= port && port <= to
        default: return false
        }
    }

    static func describe(_ peer: TrafficPeer, _ groups: [String]) -> String {
        switch peer {
        case .publicAddress: return "0.0.0.0/0"
        case let .block(block): return groups.isEmpty ? "\(block)" : "\(groups.joined(separator: ", ")) or \(block)"
        case let .prefixList(id): return "prefix list \(id) or 0.0.0.0/0"
        }
    }
}

extension CIDR: CustomStringConvertible {
    public var description: String {
        "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)/\(prefixLength)"
    }
}

/// Network ACLs are stateless and ordered: the lowest-numbered rule that
/// matches decides, and the final `*` rule denies.
public enum NetworkAclEvaluator {
    /// Traffic in one direction through `acl`, TCP to ports `ports`, with `peer` as the far end.
    /// Every port of the range must be allowed by the first rule that matches it.
    public static func evaluate(_ acl: NetworkAcl, egress: Bool, ports: ClosedRange<Int>, peer: TrafficPeer) -> HopVerdict {
        decide(acl, egress: egress, ports: ports, peer: peer).verdict
    }

    /// The verdict, and for a block the number of the rule that denies (32767 for the default `*` rule).
    static func decide(_ acl: NetworkAcl, egress: Bool, ports: ClosedRange<Int>, peer: TrafficPeer) -> (verdict: HopVerdict, denyingRule: Int?) {
        // Messages are built only for the verdict returned: this runs for every path.
        var direction: String { egress ? "outbound" : "inbound" }
        var portText: String { ports.count == 1 ? "TCP \(ports.lowerBound)" : "TCP \(ports.lowerBound)-\(ports.upperBound)" }
        var undecided: [ClosedRange<Int>] = [ports]
        var allowedBy: [Int] = []
        // `entries` are kept in rule-number order (see `NetworkAcl`).
        for entry in acl.entries where entry.egress == egress {
            guard !undecided.isEmpty else { break }
            guard entry.ruleNumber < 32767, protocolCovers(entry), let text = entry.cidrBlock, let block = CIDR(text) else { continue }
            // Protocol -1 covers every port whatever PortRange says (Terraform writes 0-0 for it and the
            // API echoes it). Source: botocore data/ec2/2016-11-15/service-2.json, CreateNetworkAclEntryRequest.Protocol.
            let allPorts = entry.ruleProtocol == "-1"
            // An inverted range (From above To) matches no port; `...` would trap on it.
            guard allPorts || (entry.fromPort ?? 0) <= (entry.toPort ?? 65535) else { continue }
            let entryPorts = allPorts ? 0...65535 : (entry.fromPort ?? 0)...(entry.toPort ?? 65535)
            guard undecided.contains(where: { $0.overlaps(entryPorts) }) else { continue }
            let applies: Bool?
            switch peer {
            case .publicAddress, .prefixList: applies = block == CIDR.everything ? true : nil
            case let .block(target): applies = block.contains(target) ? true : (block.overlaps(target) ? nil : false)
            }
            guard let matches = applies else {
                let rule = "\(acl.networkAclId) rule \(entry.ruleNumber) (\(entry.allows ? "allow" : "deny") \(text))"
                return (.undetermined("\(rule) may or may not apply to this traffic"), nil)
            }
            guard matches else { continue }
            if !entry.allows {
                let denied = entryPorts.count > 60000 ? "all ports" : "TCP \(entryPorts.lowerBound)-\(entryPorts.upperBound)"
                return (.blocked("\(acl.networkAclId) \(direction) rule \(entry.ruleNumber) denies \(denied) for \(text)"), entry.ruleNumber)
            }
            allowedBy.append(entry.ruleNumber)
            undecided = undecided.flatMap { PortRanges.subtract([entryPorts], from: $0) }
        }
        if undecided.isEmpty {
            let rules = allowedBy.map { "rule \($0)" }.joined(separator: ", ")
            return (.allowed("\(acl.networkAclId) \(direction) \(rules) allow\(allowedBy.count == 1 ? "s" : "") \(portText)"), nil)
        }
        let left = undecided.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")
        return (.blocked("no \(direction) rule of \(acl.networkAclId) allows TCP \(left): the default rule (*) denies it"), 32767)
    }

    static func protocolCovers(_ entry: NetworkAcl.Entry) -> Bool {
        entry.ruleProtocol == "-1" || entry.ruleProtocol == "6" || entry.ruleProtocol.lowercased() == "tcp"
    }
}

/// Set arithmetic on TCP port ranges, shared by the security-group and
/// network-ACL evaluators.
enum PortRanges {
    /// `wanted` minus the union of `ranges`, in ascending order.
    static func subtract(_ ranges: [ClosedRange<Int>], from wanted: ClosedRange<Int>) -> [ClosedRange<Int>] {
        var missing: [ClosedRange<Int>] = []
        var next = wanted.lowerBound
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.upperBound >= next {
            if range.lowerBound > next { missing.append(next...min(range.lowerBound - 1, wanted.upperBound)) }
            next = max(next, range.upperBound + 1)
            if next > wanted.upperBound { return missing }
        }
        if next <= wanted.upperBound { missing.append(next...wanted.upperBound) }
        return missing
    }
}
