/// Which TCP ports a set of security groups admits from a source (other
/// security groups, or address ranges). Security groups only allow, so the
/// answer is the union of the matching permissions; a source the snapshot
/// cannot resolve (a prefix list, a group not listed) makes it undetermined.
public enum SecurityGroupIngress {
    public struct Source: Sendable {
        /// Security groups the traffic comes from (a load balancer's).
        public var groupIds: [String]
        /// Address ranges the traffic comes from (a load balancer's subnets).
        public var cidrs: [String]

        public init(groupIds: [String], cidrs: [String]) {
            self.groupIds = groupIds
            self.cidrs = cidrs
        }
    }

    public struct Result: Sendable {
        /// The requested ports no permission admits, as closed ranges.
        public var missing: [ClosedRange<Int>]
        /// The permissions that admit part of the requested ports.
        public var admittedBy: [Evidence]
        /// Why the answer may be incomplete (prefix lists in the groups).
        public var undetermined: [String]

        public var allowsAll: Bool { missing.isEmpty }
    }

    /// The ports of `wanted` that `groups` admit over TCP from `source`.
    public static func evaluate(_ groups: [SecurityGroup], ports wanted: ClosedRange<Int>, from source: Source) -> Result {
        var admitted: [ClosedRange<Int>] = []
        var evidence: [Evidence] = []
        var undetermined: [String] = []
        let sourceGroups = Set(source.groupIds)
        for group in groups {
            for permission in group.ingress {
                let proto = permission.ipProtocol.lowercased()
                guard proto == "-1" || proto == "tcp" || proto == "6" else { continue }
                let range: ClosedRange<Int>
                if proto == "-1" {
                    range = 0...65535
                } else {
                    let from = permission.fromPort ?? 0, to = permission.toPort ?? 65535
                    guard from <= to else { continue }
                    range = from...to
                }
                guard range.overlaps(wanted) else { continue }
                let byGroup = permission.groupIds.first { sourceGroups.contains($0) }
                let byCidr = source.cidrs.isEmpty ? nil
                    : permission.cidrs.first { cidr in
                        source.cidrs.allSatisfy { inner in CIDR(cidr).flatMap { outer in CIDR(inner).map(outer.contains) } ?? false }
                    }
                if let matched = byGroup ?? byCidr {
                    admitted.append(range)
                    evidence.append(Evidence(permission.location, "\(group.groupId) allows \(describe(range, proto)) from \(matched)"))
                } else if !permission.prefixListIds.isEmpty {
                    let lists = permission.prefixListIds.joined(separator: ", ")
                    undetermined.append("\(group.groupId) allows \(describe(range, proto)) from prefix list \(lists), whose entries the snapshot does not hold")
                }
            }
        }
        return Result(missing: PortRanges.subtract(admitted, from: wanted), admittedBy: evidence, undetermined: undetermined)
    }

    static func describe(_ range: ClosedRange<Int>, _ proto: String) -> String {
        if proto == "-1" { return "all traffic" }
        return range.lowerBound == range.upperBound ? "TCP \(range.lowerBound)" : "TCP \(range.lowerBound)-\(range.upperBound)"
    }
}
