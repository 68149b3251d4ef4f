/// Which TCP ports a set of security groups admits from a source (the
/// security groups its traffic carries, and the address ranges it comes
/// from). Security groups only allow, so each origin's answer is the union of
/// the permissions that match it; a port is admitted when it is admitted from
/// every origin. A permission the snapshot cannot resolve against an origin
/// (a prefix list, a block that overlaps an origin's subnet without holding
/// it, an origin whose subnet is not in the snapshot) makes it undetermined.
public enum SecurityGroupIngress {
    /// One place traffic comes from, e.g. a load balancer node in one subnet.
    public struct Origin: Sendable {
        /// What the origin is called in evidence, e.g. `subnet-0a1 (10.0.1.0/24)`.
        public var label: String
        /// The block the origin's address lies in (its subnet's), when known.
        public var cidr: String?
        /// Blocks known to hold the origin when `cidr` is not (its VPC's).
        public var enclosing: [String]

        public init(label: String, cidr: String?, enclosing: [String] = []) {
            self.label = label
            self.cidr = cidr
            self.enclosing = enclosing
        }
    }

    public struct Source: Sendable {
        /// Security groups the traffic carries (a load balancer's): a rule
        /// referencing one admits the traffic from every origin.
        public var groupIds: [String]
        /// Where the traffic's addresses lie; every origin must be admitted.
        public var origins: [Origin]

        public init(groupIds: [String], origins: [Origin]) {
            self.groupIds = groupIds
            self.origins = origins
        }
    }

    public struct Result: Sendable {
        /// The requested ports some origin is not admitted on, as closed ranges.
        public var missing: [ClosedRange<Int>]
        /// Each origin that some requested port does not admit, with those ports.
        public var missingByOrigin: [(origin: Origin, ports: [ClosedRange<Int>])]
        /// The permissions that admit part of the requested ports.
        public var admittedBy: [Evidence]
        /// Why the answer may be incomplete, for the missing ports only.
        public var undetermined: [String]

        public var allowsAll: Bool { missing.isEmpty }
    }

    /// The ports of `wanted` that `groups` admit over TCP from `source`.
    public static func evaluate(_ groups: [SecurityGroup], ports wanted: ClosedRange<Int>, from source: Source) -> Result {
        let sourceGroups = Set(source.groupIds)
        // Addresses unknown: a group reference or 0.0.0.0/0 admits the traffic, any other block leaves it undetermined.
        let origins = source.origins.isEmpty ? [Origin(label: "the load balancer's nodes", cidr: nil)] : source.origins
        var missing: [ClosedRange<Int>] = []
        var missingByOrigin: [(origin: Origin, ports: [ClosedRange<Int>])] = []
        var evidence: [Evidence] = []
        var unresolved: [(range: ClosedRange<Int>, why: String)] = []
        for origin in origins {
            var admitted: [ClosedRange<Int>] = []
            for group in groups {
                for permission in group.ingress {
                    guard let range = tcpRange(of: permission), range.overlaps(wanted) else { continue }
                    let match: String?
                    if let byGroup = permission.groupIds.first(where: sourceGroups.contains) {
                        match = byGroup
                    } else {
                        switch addressMatch(permission, origin) {
                        case .admits(let cidr): match = cidr
                        case .undecided(let why):
                            unresolved.append((range, "\(group.groupId) allows \(describe(range, permission.ipProtocol)) from \(why)"))
                            match = nil
                        case .none: match = nil
                        }
                    }
                    if let match {
                        admitted.append(range)
                        let text = "\(group.groupId) allows \(describe(range, permission.ipProtocol)) from \(match)"
                        if !evidence.contains(where: { $0.text == text }) { evidence.append(Evidence(permission.location, text)) }
                    } else if !permission.prefixListIds.isEmpty {
                        unresolved.append((range, "\(group.groupId) allows \(describe(range, permission.ipProtocol)) from prefix list "
                                           + "\(permission.prefixListIds.joined(separator: ", ")), whose entries the snapshot does not hold"))
                    }
                }
            }
            let refused = PortRanges.subtract(admitted, from: wanted)
            if !refused.isEmpty { missingByOrigin.append((origin, refused)) }
            missing += refused
        }
        let merged = union(missing)
        let undetermined = unresolved.filter { item in merged.contains { $0.overlaps(item.range) } }.map(\.why)
        return Result(missing: merged, missingByOrigin: missingByOrigin, admittedBy: evidence, undetermined: undetermined.uniqued())
    }

    private enum AddressMatch {
        case admits(String)
        case undecided(String)
        case none
    }

    /// Whether one of the permission's IPv4 blocks holds the origin's address.
    private static func addressMatch(_ permission: IpPermission, _ origin: Origin) -> AddressMatch {
        var undecided: String?
        for text in permission.cidrs {
            guard let block = CIDR(text) else { continue }
            if let known = origin.cidr.flatMap(CIDR.init) {
                if block.contains(known) { return .admits(text) }
                // A narrower block inside the origin's subnet may or may not hold the node's address.
                if known.contains(block) { undecided = undecided ?? "\(text), part of \(origin.label)" }
            } else {
                let enclosing = origin.enclosing.compactMap(CIDR.init)
                if block.prefixLength == 0 || (!enclosing.isEmpty && enclosing.allSatisfy(block.contains)) { return .admits(text) }
                if enclosing.isEmpty || enclosing.contains(where: block.overlaps) {
                    undecided = undecided ?? "\(text), which may or may not hold \(origin.label): its address block is not in the snapshot"
                }
            }
        }
        return undecided.map(AddressMatch.undecided) ?? .none
    }

    /// Overlapping and adjacent ranges joined, in ascending order.
    private static func union(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var joined: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = joined.last, range.lowerBound <= last.upperBound + 1 {
                joined[joined.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                joined.append(range)
            }
        }
        return joined
    }

    /// The TCP ports a permission covers; nil for other protocols.
    static func tcpRange(of permission: IpPermission) -> ClosedRange<Int>? {
        let proto = permission.ipProtocol.lowercased()
        if proto == "-1" { return 0...65535 }
        guard proto == "tcp" || proto == "6" else { return nil }
        let from = permission.fromPort ?? 0, to = permission.toPort ?? 65535
        return from <= to ? from...to : nil
    }

    static func describe(_ range: ClosedRange<Int>, _ proto: String) -> String {
        if proto == "-1" { return "all traffic" }
        return range.lowerBound == range.upperBound ? "TCP \(range.lowerBound)" : "TCP \(range.lowerBound)-\(range.upperBound)"
    }
}
