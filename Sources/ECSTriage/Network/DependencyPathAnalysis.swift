/// One hop of a dependency's path and what decided it.
public struct PathHop: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case route, endpoint, dns, endpointPolicy = "endpoint-policy"
        case taskSecurityGroup = "task-security-group", endpointSecurityGroup = "endpoint-security-group"
        case networkAcl = "network-acl"
        /// The file system's mount target in the caller's Availability Zone, and its security groups.
        case mountTarget = "mount-target", mountTargetSecurityGroup = "mount-target-security-group"
    }

    public var kind: Kind
    public var verdict: HopVerdict
    /// Where the deciding configuration is, when in the snapshot.
    public var location: String
    /// For a network ACL hop that blocks: the entry that would let the traffic through.
    public var aclEntry: NetworkAclEntryNeeded?

    public init(kind: Kind, verdict: HopVerdict, location: String, aclEntry: NetworkAclEntryNeeded? = nil) {
        self.kind = kind
        self.verdict = verdict
        self.location = location
        self.aclEntry = aclEntry
    }
}

/// An allow entry a network ACL lacks, numbered before the rule that denies.
public struct NetworkAclEntryNeeded: Sendable, Hashable {
    public var networkAclId: String
    public var egress: Bool
    public var ports: ClosedRange<Int>
    public var cidr: String
    /// The rule that denies today (32767: the default `*` rule).
    public var denyingRule: Int
}

/// Whether a dependency is reachable from an origin, and why: every hop is
/// evaluated, so a path can hold several independent defects.
public struct DependencyPath: Sendable {
    public enum Verdict: String, Sendable { case reachable, unreachable, undetermined }

    public var dependency: Dependency
    /// How traffic leaves: "interface endpoint vpce-…", "S3 gateway endpoint vpce-…", "NAT gateway nat-…", "internet gateway igw-…".
    public var route: String
    public var hops: [PathHop]
    /// The endpoint used, when there is one.
    public var endpoint: VpcEndpoint?
    /// The file system's mount target in the origin's zone, for EFS.
    public var mountTarget: EFSMountTarget?
    /// The far end as security groups and network ACLs see it.
    public var peer: TrafficPeer = .publicAddress

    /// Every blocked hop, in hop order: each one alone stops the traffic.
    public var blockedHops: [PathHop] { hops.filter(\.verdict.isBlocked) }
    /// The first blocked hop: the one the traffic meets first, which decides the path.
    public var blockingHop: PathHop? { hops.first { $0.verdict.isBlocked } }
    public var verdict: Verdict {
        if blockingHop != nil { return .unreachable }
        return hops.contains { if case .undetermined = $0.verdict { return true } else { return false } } ? .undetermined : .reachable
    }
    /// The route hop found no way out (no endpoint, no internet).
    public var hasNoRoute: Bool { hops.first.map { $0.kind == .route && $0.verdict.isBlocked } ?? false }
}

/// What every path from one origin shares, looked up once.
struct PathSite {
    let origin: NetworkOrigin
    let routing: SubnetRouting?
    let hasInternet: Bool
    let internetDecided: Bool
    let index: SnapshotIndex
    let endpoints: [VpcEndpoint]
    let originGroups: [SecurityGroup]
    /// Every group of the origin is in the snapshot.
    let groupsKnown: Bool
    let originBlock: CIDR?
    let originAcl: NetworkAcl?
    let vpc: Vpc?
    let zone: String?

    init(origin: NetworkOrigin, routing: SubnetRouting?, hasInternet: Bool = false, internetDecided: Bool = false, index: SnapshotIndex) {
        self.origin = origin
        self.routing = routing
        self.hasInternet = hasInternet
        self.internetDecided = internetDecided
        self.index = index
        let subnet = index.subnet(origin.subnetId)
        let vpcId = routing?.vpcId ?? subnet?.vpcId
        endpoints = vpcId.map(index.endpoints(inVpc:)) ?? []
        originGroups = origin.securityGroupIds.compactMap(index.securityGroup)
        groupsKnown = index.has(.securityGroups) && !origin.securityGroupIds.isEmpty && originGroups.count == origin.securityGroupIds.count
        originBlock = subnet?.cidrBlock.flatMap(CIDR.init)
        originAcl = index.networkAcl(forSubnet: origin.subnetId)
        vpc = vpcId.flatMap(index.vpc)
        zone = subnet?.availabilityZone
    }

    var aclLocation: String { (originAcl?.location ?? "") + "/Entries" }
}

/// Walks each dependency's path hop by hop: the route (endpoint, internet, or
/// none), DNS, the endpoint policy, the origin's security groups, the
/// endpoint's or mount target's security groups, and the network ACLs on the
/// way. A blocked hop does not end the walk: the later hops are defects of
/// their own, which the user would meet next.
enum DependencyPathAnalysis {
    static func paths(from site: PathSite, dependencies: [Dependency]) -> [DependencyPath] {
        dependencies.compactMap { dependency in
            if dependency.kind == .fileSystem { return fileSystemPath(dependency, site) }
            guard let routing = site.routing else { return nil }
            return servicePath(dependency, site, routing)
        }
    }

    // MARK: AWS services and internet hosts

    static func servicePath(_ dependency: Dependency, _ site: PathSite, _ routing: SubnetRouting) -> DependencyPath {
        var path = DependencyPath(dependency: dependency, route: "none", hops: [])
        if dependency.isAgentEndpoint, !site.origin.connectedInstanceIds.isEmpty {
            // ECS itself says the agent got through: the configuration cannot say otherwise.
            path.route = "the agent's connection"
            path.hops.append(PathHop(kind: .route, verdict: .allowed(Text.agentConnected(site.origin)), location: site.origin.location ?? ""))
            return path
        }
        let endpoint = dependency.isAWSService
            ? DependencyPaths.usableEndpoint(for: dependency.target, endpoints: site.endpoints, routeTableId: routing.table.routeTableId) : nil
        var peerGroups: [String] = []
        var peerSubnets: [String] = []
        if let gateway = endpoint, gateway.isGateway {
            path.route = "\(dependency.target.uppercased()) gateway endpoint \(gateway.vpcEndpointId)"
            path.endpoint = gateway
            let prefixList = routing.table.routes.first { $0.gatewayId == gateway.vpcEndpointId }?.destinationPrefixListId
                ?? site.index.prefixListId(named: "com.amazonaws.\(site.index.region ?? "").\(dependency.target)")
            path.peer = prefixList.map(TrafficPeer.prefixList) ?? .publicAddress
            path.hops.append(PathHop(kind: .route, verdict: .allowed(Text.gatewayRoute(routing, prefixList, gateway)), location: routing.table.location))
        } else if let interface = endpoint, !(site.hasInternet && dnsBypasses(interface, site.vpc) != nil) {
            path.route = "interface endpoint \(interface.vpcEndpointId)"
            path.endpoint = interface
            peerGroups = interface.securityGroupIds
            peerSubnets = interface.subnetIds
            path.peer = interfacePeer(interface, site)
            path.hops.append(PathHop(kind: .route, verdict: .allowed(Text.localRoute(interface)), location: routing.table.location))
            if let hop = dnsHop(interface, site, dependency) { path.hops.append(hop) }
        } else if site.hasInternet {
            appendInternetRoute(&path, routing)
            if let interface = endpoint, let off = dnsBypasses(interface, site.vpc) {
                path.hops.append(PathHop(kind: .dns, verdict: .allowed(Text.publicFallback(interface, off)),
                                         location: interface.location + "/PrivateDnsEnabled"))
            }
        } else {
            let verdict: HopVerdict = site.internetDecided ? .blocked(Text.noRoute(dependency)) : .undetermined(Text.routeUndecided(dependency))
            path.hops.append(PathHop(kind: .route, verdict: verdict, location: routing.table.location))
            // Whatever way out the fix gives it, the origin's groups must let the traffic leave.
            if site.groupsKnown {
                path.hops.append(PathHop(kind: .taskSecurityGroup,
                                         verdict: SecurityGroupEvaluator.egressToAnyDestination(site.originGroups, port: dependency.port),
                                         location: site.originGroups[0].location + "/IpPermissionsEgress"))
            }
            return path
        }
        if let endpoint = path.endpoint, let hop = policyHop(endpoint, dependency: dependency, region: site.index.region) {
            path.hops.append(hop)
        }
        if site.groupsKnown {
            path.hops.append(PathHop(kind: .taskSecurityGroup,
                                     verdict: SecurityGroupEvaluator.egress(site.originGroups, port: dependency.port, to: path.peer, peerGroupIds: peerGroups),
                                     location: site.originGroups[0].location + "/IpPermissionsEgress"))
        }
        if let interface = path.endpoint, interface.isInterface, !interface.securityGroupIds.isEmpty {
            let endpointGroups = interface.securityGroupIds.compactMap(site.index.securityGroup)
            if endpointGroups.count == interface.securityGroupIds.count, let originBlock = site.originBlock {
                path.hops.append(PathHop(kind: .endpointSecurityGroup,
                                         verdict: SecurityGroupEvaluator.ingress(endpointGroups, port: dependency.port, from: .block(originBlock),
                                                                                 peerGroupIds: site.origin.securityGroupIds),
                                         location: endpointGroups[0].location + "/IpPermissions"))
            }
        }
        path.hops += aclHops(site, port: dependency.port, peer: path.peer, peerSubnets: path.endpoint?.isInterface == true ? peerSubnets : [])
        return path
    }

    static func appendInternetRoute(_ path: inout DependencyPath, _ routing: SubnetRouting) {
        switch routing.internet {
        case let .natGateway(nat, defaultRoute):
            path.route = "NAT gateway \(nat.natGatewayId)"
            path.hops.append(PathHop(kind: .route, verdict: .allowed(Text.natRoute(nat)), location: defaultRoute.location))
        case let .internetGateway(id, defaultRoute):
            path.route = "internet gateway \(id)"
            path.hops.append(PathHop(kind: .route, verdict: .allowed(Text.gatewayRoute(id)), location: defaultRoute.location))
        default:
            break
        }
    }

    /// The endpoint's addresses lie in its subnets; without them, in the VPC.
    static func interfacePeer(_ interface: VpcEndpoint, _ site: PathSite) -> TrafficPeer {
        let blocks = interface.subnetIds.compactMap { site.index.subnet($0)?.cidrBlock.flatMap(CIDR.init) }
        if blocks.count == interface.subnetIds.count, let first = blocks.first, blocks.allSatisfy({ $0 == first }) { return .block(first) }
        return site.vpc?.cidrBlock.flatMap(CIDR.init).map(TrafficPeer.block) ?? .publicAddress
    }

    /// Why the service's usual name does not resolve to the interface endpoint, if it does not:
    /// private DNS off on the endpoint, or the VPC's DNS attributes off.
    static func dnsBypasses(_ interface: VpcEndpoint, _ vpc: Vpc?) -> String? {
        if interface.privateDnsEnabled == false { return "private DNS is off on \(interface.vpcEndpointId)" }
        guard let vpc, vpc.enableDnsSupport == false || vpc.enableDnsHostnames == false else { return nil }
        return "\(vpc.vpcId) has \(Text.dnsAttributesOff(vpc)) off"
    }

    /// Without an internet path, the name must resolve to the endpoint (a route beyond the VPC may yet reach the public one).
    static func dnsHop(_ interface: VpcEndpoint, _ site: PathSite, _ dependency: Dependency) -> PathHop? {
        func verdict(_ text: String) -> HopVerdict { site.internetDecided ? .blocked(text) : .undetermined(text + Text.unlessRouteBeyondVpc) }
        if interface.privateDnsEnabled == false {
            return PathHop(kind: .dns, verdict: verdict(Text.privateDnsOff(interface, dependency)), location: interface.location + "/PrivateDnsEnabled")
        }
        if let vpc = site.vpc, vpc.enableDnsSupport == false || vpc.enableDnsHostnames == false {
            return PathHop(kind: .dns, verdict: verdict(Text.vpcDnsOff(vpc)), location: vpc.location)
        }
        if site.index.has(.vpcAttributes) {
            return PathHop(kind: .dns, verdict: .allowed("private DNS on, VPC DNS support and hostnames on"), location: interface.location)
        }
        return nil
    }

    // MARK: EFS

    /// NFS to the mount target in the origin's Availability Zone: it must
    /// exist, the file system's DNS name must resolve (VPC DNS support and
    /// hostnames), and the groups and ACLs on both sides must pass TCP 2049.
    // Sources: https://docs.aws.amazon.com/efs/latest/ug/mounting-fs-mount-cmd-dns-name.html (the name resolves to the
    // mount target in the client's zone, which must exist), .../mounting-fs-mount-cmd-ip-addr.html (DNS names do not
    // work in VPCs with DNS hostnames disabled), .../network-access.html (the mount target's groups admit 2049).
    static func fileSystemPath(_ dependency: Dependency, _ site: PathSite) -> DependencyPath? {
        guard let fileSystemId = dependency.fileSystemId else { return nil }
        var path = DependencyPath(dependency: dependency, route: "mount target", hops: [])
        guard site.index.has(.mountTargets) else {
            path.hops.append(PathHop(kind: .mountTarget, verdict: .undetermined(Text.mountTargetsUnknown(fileSystemId)), location: dependency.location))
            return path
        }
        let available = site.index.mountTargets(of: fileSystemId).filter(\.isAvailable)
        guard let zone = site.zone else {
            path.hops.append(PathHop(kind: .mountTarget, verdict: .undetermined(Text.zoneUnknown(site.origin.subnetId)), location: dependency.location))
            return path
        }
        let target = available.first { ($0.availabilityZoneName ?? $0.subnetId.flatMap { site.index.subnet($0)?.availabilityZone }) == zone }
        if let target {
            path.mountTarget = target
            path.route = "mount target \(target.mountTargetId)"
            path.hops.append(PathHop(kind: .mountTarget, verdict: .allowed(Text.mountTargetInZone(target, zone)), location: target.location))
        } else {
            path.route = "its zone's mount target (none in \(zone))"
            path.hops.append(PathHop(kind: .mountTarget, verdict: .blocked(Text.noMountTarget(fileSystemId, zone, available)),
                                     location: available.first?.location ?? dependency.location))
        }
        if let vpc = site.vpc, vpc.enableDnsSupport != nil || vpc.enableDnsHostnames != nil {
            let off = vpc.enableDnsSupport == false || vpc.enableDnsHostnames == false
            let verdict: HopVerdict = off ? .blocked(Text.efsDnsOff(vpc, fileSystemId, region: site.index.region)) : .allowed(Text.efsDnsOn(vpc))
            path.hops.append(PathHop(kind: .dns, verdict: verdict, location: vpc.location))
        }
        guard let target else {
            if site.groupsKnown {
                path.hops.append(PathHop(kind: .taskSecurityGroup, verdict: SecurityGroupEvaluator.egressToAnyDestination(site.originGroups, port: 2049),
                                         location: site.originGroups[0].location + "/IpPermissionsEgress"))
            }
            return path
        }
        let targetGroups = site.index.securityGroups(ofMountTarget: target)
        let targetBlock = target.subnetId.flatMap { site.index.subnet($0)?.cidrBlock.flatMap(CIDR.init) } ?? site.vpc?.cidrBlock.flatMap(CIDR.init)
        path.peer = targetBlock.map(TrafficPeer.block) ?? .publicAddress
        if site.groupsKnown {
            let verdict = SecurityGroupEvaluator.egress(site.originGroups, port: 2049, to: path.peer, peerGroupIds: targetGroups?.groupIds ?? [])
            path.hops.append(PathHop(kind: .taskSecurityGroup, verdict: verdict, location: site.originGroups[0].location + "/IpPermissionsEgress"))
        }
        if let targetGroups, let originBlock = site.originBlock, site.index.has(.securityGroups) {
            let groups = targetGroups.groupIds.compactMap(site.index.securityGroup)
            if groups.count == targetGroups.groupIds.count {
                var verdict = SecurityGroupEvaluator.ingress(groups, port: 2049, from: .block(originBlock), peerGroupIds: site.origin.securityGroupIds)
                if let attribution = targetGroups.attribution { verdict = verdict.appending(" (\(attribution))") }
                path.hops.append(PathHop(kind: .mountTargetSecurityGroup, verdict: verdict, location: groups[0].location + "/IpPermissions"))
            }
        }
        path.hops += aclHops(site, port: 2049, peer: path.peer, peerSubnets: target.subnetId.map { [$0] } ?? [])
        return path
    }

    // MARK: Network ACLs

    /// NACLs filter only traffic that leaves or enters a subnet: the origin's
    /// (request out, reply in on ephemeral ports) and each far-end subnet's.
    static func aclHops(_ site: PathSite, port: Int, peer: TrafficPeer, peerSubnets: [String]) -> [PathHop] {
        var hops: [PathHop] = []
        let subnetId = site.origin.subnetId
        if let acl = site.originAcl, !(peerSubnets.count == 1 && peerSubnets[0] == subnetId) {
            // The request leaves on the port; the reply comes back on an ephemeral port.
            hops.append(aclHop(acl, first: (egress: true, ports: port...port), then: (egress: false, ports: 1024...65535), peer: peer))
        }
        guard let originBlock = site.originBlock else { return hops }
        for peerSubnet in peerSubnets where peerSubnet != subnetId {
            guard let acl = site.index.networkAcl(forSubnet: peerSubnet), acl.networkAclId != site.originAcl?.networkAclId else { continue }
            // At the far end the request comes in on the port and the reply leaves on an ephemeral port.
            hops.append(aclHop(acl, first: (egress: false, ports: port...port), then: (egress: true, ports: 1024...65535), peer: .block(originBlock)))
        }
        return hops
    }

    /// One ACL's verdict on both directions of a connection, with the entry that would let a blocked one through.
    static func aclHop(_ acl: NetworkAcl, first: (egress: Bool, ports: ClosedRange<Int>), then: (egress: Bool, ports: ClosedRange<Int>),
                       peer: TrafficPeer) -> PathHop {
        let location = acl.location + "/Entries"
        let request = NetworkAclEvaluator.decide(acl, egress: first.egress, ports: first.ports, peer: peer)
        let reply = NetworkAclEvaluator.decide(acl, egress: then.egress, ports: then.ports, peer: peer)
        for (decision, direction) in [(request, first), (reply, then)] {
            guard let rule = decision.denyingRule else { continue }
            let entry = NetworkAclEntryNeeded(networkAclId: acl.networkAclId, egress: direction.egress, ports: direction.ports, cidr: peer.cidrText,
                                              denyingRule: rule)
            return PathHop(kind: .networkAcl, verdict: decision.verdict, location: location, aclEntry: entry)
        }
        return PathHop(kind: .networkAcl, verdict: request.verdict.isAllowed ? reply.verdict : request.verdict, location: location)
    }

    // MARK: Endpoint policies

    /// An endpoint policy that does not allow what the task needs. Only the
    /// S3 layer bucket of ECR images is checked: other needs depend on
    /// resource names the snapshot rarely shows.
    // Source: https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html (layers from prod-<region>-starport-layer-bucket).
    static func policyHop(_ endpoint: VpcEndpoint, dependency: Dependency, region: String?) -> PathHop? {
        guard let policy = endpoint.policyDocument, dependency.target == "s3", dependency.reason.contains("starport-layer-bucket"),
              let region else { return nil }
        let layers = "arn:aws:s3:::prod-\(region)-starport-layer-bucket/*"
        let location = endpoint.location + "/PolicyDocument"
        var allowed: PolicyStatement?
        for statement in policy.statements {
            let principalAll = statement.principal?.isWildcard == true || statement.principal?.values(ofType: "AWS").contains("*") == true
            let action = statement.actions.map { $0.contains { Wildcard.matches($0, "s3:GetObject", caseInsensitive: true) } }
                ?? statement.notActions.map { !$0.contains { Wildcard.matches($0, "s3:GetObject", caseInsensitive: true) } } ?? false
            let resource = statement.resources.map { $0.contains { Wildcard.matches($0, layers) } }
                ?? statement.notResources.map { !$0.contains { Wildcard.matches($0, layers) } } ?? false
            guard principalAll || statement.principal == nil, action, resource else { continue }
            if !statement.conditions.isEmpty {
                return PathHop(kind: .endpointPolicy, verdict: .undetermined(Text.policyConditions(statement, endpoint)), location: location)
            }
            if !statement.allows {
                return PathHop(kind: .endpointPolicy, verdict: .blocked(Text.policyDenies(statement, endpoint, layers)), location: location)
            }
            allowed = allowed ?? statement
        }
        if let allowed {
            return PathHop(kind: .endpointPolicy, verdict: .allowed("\(allowed.label) allows s3:GetObject on the ECR layer bucket"), location: location)
        }
        return PathHop(kind: .endpointPolicy, verdict: .blocked(Text.policyLacksLayers(endpoint, layers)), location: location)
    }
}

// MARK: Hop explanations

extension DependencyPathAnalysis {
    enum Text {
        static func agentConnected(_ origin: NetworkOrigin) -> String {
            "ECS reports the agent of \(origin.connectedInstanceIds.joined(separator: ", ")) connected (agentConnected true): its path to ECS works"
        }

        static func gatewayRoute(_ routing: SubnetRouting, _ prefixList: String?, _ gateway: VpcEndpoint) -> String {
            "\(routing.table.routeTableId) routes \(prefixList ?? "the S3 prefix list") to \(gateway.vpcEndpointId)"
        }

        static func localRoute(_ interface: VpcEndpoint) -> String { "VPC-local traffic to \(interface.vpcEndpointId) (local route)" }

        static func natRoute(_ nat: NatGateway) -> String {
            "0.0.0.0/0 -> \(nat.natGatewayId) (available, in a subnet routed to an internet gateway)"
        }

        static func gatewayRoute(_ gatewayId: String) -> String { "0.0.0.0/0 -> \(gatewayId) with a public IP" }

        static func publicFallback(_ interface: VpcEndpoint, _ why: String) -> String {
            "\(why), so the service's name resolves to its public endpoint, which the internet route reaches; \(interface.vpcEndpointId) is not used"
        }

        static func noRoute(_ dependency: Dependency) -> String {
            dependency.isAWSService ? "no endpoint for \(dependency.target) and no internet route"
                : "\(dependency.target) is on the internet and there is no internet route"
        }

        static func routeUndecided(_ dependency: Dependency) -> String {
            "no endpoint for \(dependency.target); internet egress is decided outside the snapshot "
                + "(public IP unknown, or a transit gateway, peering or appliance route)"
        }

        static func dnsAttributesOff(_ vpc: Vpc) -> String {
            [vpc.enableDnsSupport == false ? "enableDnsSupport" : nil, vpc.enableDnsHostnames == false ? "enableDnsHostnames" : nil]
                .compactMap { $0 }.joined(separator: " and ")
        }

        static func privateDnsOff(_ interface: VpcEndpoint, _ dependency: Dependency) -> String {
            "private DNS is off on \(interface.vpcEndpointId): \(dependency.target) resolves to public addresses the subnet cannot reach"
        }

        static let unlessRouteBeyondVpc = ", unless the route beyond the VPC reaches the internet"

        static func vpcDnsOff(_ vpc: Vpc) -> String {
            "\(vpc.vpcId) has \(dnsAttributesOff(vpc)) off, so the endpoint's private DNS name does not resolve"
        }

        static func mountTargetsUnknown(_ fileSystemId: String) -> String {
            "the mount targets of \(fileSystemId) are not in the snapshot (aws efs describe-mount-targets --file-system-id \(fileSystemId))"
        }

        static func zoneUnknown(_ subnetId: String) -> String { "the Availability Zone of \(subnetId) is not in the snapshot" }

        static func mountTargetInZone(_ target: EFSMountTarget, _ zone: String) -> String {
            "mount target \(target.mountTargetId) in \(target.subnetId ?? zone) (\(zone)), reached by the VPC's local route"
        }

        static func noMountTarget(_ fileSystemId: String, _ zone: String, _ available: [EFSMountTarget]) -> String {
            let zones = available.compactMap(\.availabilityZoneName)
            return "\(fileSystemId) has no available mount target in \(zone)"
                + (available.isEmpty ? " (none at all)" : zones.isEmpty ? "" : " (mount targets in \(zones.joined(separator: ", ")))")
        }

        static func efsDnsOff(_ vpc: Vpc, _ fileSystemId: String, region: String?) -> String {
            "the EFS mount helper resolves \(fileSystemId).efs.\(region ?? "<region>").amazonaws.com, which needs the VPC's DNS support and hostnames; "
                + "\(vpc.vpcId) has \(dnsAttributesOff(vpc)) off"
        }

        static func efsDnsOn(_ vpc: Vpc) -> String { "\(vpc.vpcId) resolves the file system's DNS name (DNS support and hostnames on)" }

        static func policyConditions(_ statement: PolicyStatement, _ endpoint: VpcEndpoint) -> String {
            "\(statement.label) of \(endpoint.vpcEndpointId)'s policy has conditions (\(statement.conditions.map(\.key).joined(separator: ", ")))"
        }

        static func policyDenies(_ statement: PolicyStatement, _ endpoint: VpcEndpoint, _ layers: String) -> String {
            "\(statement.label) of \(endpoint.vpcEndpointId)'s policy denies s3:GetObject on \(layers)"
        }

        static func policyLacksLayers(_ endpoint: VpcEndpoint, _ layers: String) -> String {
            "\(endpoint.vpcEndpointId)'s policy does not allow s3:GetObject on \(layers), where ECR keeps image layers"
        }
    }
}
