/// One hop of a dependency's path and what decided it.
public struct PathHop: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case route, endpoint, dns, endpointPolicy = "endpoint-policy"
        case taskSecurityGroup = "task-security-group", endpointSecurityGroup = "endpoint-security-group"
        case networkAcl = "network-acl"
    }

    public var kind: Kind
    public var verdict: HopVerdict
    /// Where the deciding configuration is, when in the snapshot.
    public var location: String
}

/// Whether a dependency is reachable from a task subnet, and why.
public struct DependencyPath: Sendable {
    public enum Verdict: String, Sendable { case reachable, unreachable, undetermined }

    public var dependency: Dependency
    /// How traffic leaves: "interface endpoint vpce-…", "S3 gateway endpoint vpce-…", "NAT gateway nat-…", "internet gateway igw-…".
    public var route: String
    public var hops: [PathHop]
    /// Set for a blocked path: the hop that blocks it, resolved in hop order.
    public var blockingHop: PathHop?
    public var verdict: Verdict
    /// The endpoint used, when there is one.
    public var endpoint: VpcEndpoint?
    /// The far end as security groups and network ACLs see it.
    public var peer: TrafficPeer = .publicAddress
}

/// Walks each dependency's path hop by hop: route (already decided by
/// `DependencyPaths`), endpoint DNS, endpoint policy, the task's security
/// groups, the endpoint's security groups, and the network ACLs on the way.
enum DependencyPathAnalysis {
    static func paths(for workload: Workload, routing: SubnetRouting, dependencies: [Dependency],
                      hasInternet: Bool, internetDecided: Bool, index: SnapshotIndex) -> [DependencyPath] {
        let vpcId = routing.vpcId
        let endpoints = vpcId.map(index.endpoints(inVpc:)) ?? []
        let taskGroups = workload.securityGroupIds.compactMap(index.securityGroup)
        let groupsKnown = index.has(.securityGroups) && !workload.securityGroupIds.isEmpty && taskGroups.count == workload.securityGroupIds.count
        let taskBlock = routing.subnet?.cidrBlock.flatMap(CIDR.init)
        let taskAcl = index.networkAcl(forSubnet: routing.subnetId)
        let vpc = vpcId.flatMap(index.vpc)
        return dependencies.map { dependency in
            var hops: [PathHop] = []
            var route = "none"
            var endpointUsed: VpcEndpoint?
            var peer = TrafficPeer.publicAddress
            var peerGroups: [String] = []
            var peerSubnets: [String] = []
            let port = dependency.target == "elasticfilesystem" ? 2049 : 443

            let endpoint = dependency.isAWSService
                ? DependencyPaths.usableEndpoint(for: dependency.target, endpoints: endpoints, routeTableId: routing.table.routeTableId) : nil
            if let gateway = endpoint, gateway.isGateway {
                route = "\(dependency.target.uppercased()) gateway endpoint \(gateway.vpcEndpointId)"
                endpointUsed = gateway
                let prefixList = routing.table.routes.first { $0.gatewayId == gateway.vpcEndpointId }?.destinationPrefixListId
                    ?? index.prefixListId(named: "com.amazonaws.\(index.region ?? "").\(dependency.target)")
                peer = prefixList.map(TrafficPeer.prefixList) ?? .publicAddress
                hops.append(PathHop(kind: .route, verdict: .allowed("\(routing.table.routeTableId) routes \(prefixList ?? "the S3 prefix list") to \(gateway.vpcEndpointId)"), location: routing.table.location))
            } else if let interface = endpoint {
                route = "interface endpoint \(interface.vpcEndpointId)"
                endpointUsed = interface
                peerGroups = interface.securityGroupIds
                peerSubnets = interface.subnetIds
                let blocks = interface.subnetIds.compactMap { index.subnet($0)?.cidrBlock.flatMap(CIDR.init) }
                // The endpoint's addresses lie in its subnets; without them, in the VPC.
                if blocks.count == interface.subnetIds.count, let first = blocks.first, blocks.allSatisfy({ $0 == first }) {
                    peer = .block(first)
                } else if let vpcBlock = vpc?.cidrBlock.flatMap(CIDR.init), blocks.count == interface.subnetIds.count, blocks.allSatisfy(vpcBlock.contains) {
                    peer = .block(vpcBlock)
                } else if let vpcBlock = vpc?.cidrBlock.flatMap(CIDR.init) {
                    peer = .block(vpcBlock)
                }
                hops.append(PathHop(kind: .route, verdict: .allowed("VPC-local traffic to \(interface.vpcEndpointId) (local route)"), location: routing.table.location))
                // Private DNS: without it the service's usual name resolves to public addresses.
                if interface.privateDnsEnabled == false {
                    hops.append(PathHop(kind: .dns, verdict: hasInternet ? .allowed("private DNS is off on \(interface.vpcEndpointId): the task uses the public endpoint through its internet route")
                                                                     : .blocked("private DNS is off on \(interface.vpcEndpointId): \(dependency.target) resolves to public addresses the subnet cannot reach"),
                                        location: interface.location + "/PrivateDnsEnabled"))
                } else if let vpc, vpc.enableDnsSupport == false || vpc.enableDnsHostnames == false {
                    let off = [vpc.enableDnsSupport == false ? "enableDnsSupport" : nil, vpc.enableDnsHostnames == false ? "enableDnsHostnames" : nil].compactMap { $0 }
                    hops.append(PathHop(kind: .dns, verdict: hasInternet ? .allowed("\(vpc.vpcId) has \(off.joined(separator: " and ")) off; the task falls back to its internet route")
                                                                     : .blocked("\(vpc.vpcId) has \(off.joined(separator: " and ")) off, so the endpoint's private DNS name does not resolve"),
                                        location: vpc.location))
                } else if index.has(.vpcAttributes) {
                    hops.append(PathHop(kind: .dns, verdict: .allowed("private DNS on, VPC DNS support and hostnames on"), location: interface.location))
                }
            } else if hasInternet {
                switch routing.internet {
                case let .natGateway(nat, defaultRoute):
                    route = "NAT gateway \(nat.natGatewayId)"
                    hops.append(PathHop(kind: .route, verdict: .allowed("0.0.0.0/0 -> \(nat.natGatewayId) (available, in a subnet routed to an internet gateway)"), location: defaultRoute.location))
                case let .internetGateway(id, defaultRoute):
                    route = "internet gateway \(id)"
                    hops.append(PathHop(kind: .route, verdict: .allowed("0.0.0.0/0 -> \(id) with a public IP"), location: defaultRoute.location))
                default:
                    break
                }
            } else if !internetDecided {
                hops.append(PathHop(kind: .route, verdict: .undetermined("no endpoint for \(dependency.target); internet egress is decided outside the snapshot (public IP unknown, or a transit gateway, peering or appliance route)"), location: routing.table.location))
                return DependencyPath(dependency: dependency, route: route, hops: hops, blockingHop: nil, verdict: .undetermined, endpoint: nil)
            } else {
                hops.append(PathHop(kind: .route, verdict: .blocked("no endpoint for \(dependency.target) and no internet route"), location: routing.table.location))
                return DependencyPath(dependency: dependency, route: route, hops: hops, blockingHop: hops.last, verdict: .unreachable, endpoint: nil)
            }

            if let endpoint = endpointUsed, let hop = policyHop(endpoint, dependency: dependency, region: index.region) {
                hops.append(hop)
            }
            if groupsKnown {
                hops.append(PathHop(kind: .taskSecurityGroup,
                                    verdict: SecurityGroupEvaluator.egress(taskGroups, port: port, to: peer, peerGroupIds: peerGroups),
                                    location: taskGroups[0].location + "/IpPermissionsEgress"))
            }
            if let interface = endpointUsed, interface.isInterface, !interface.securityGroupIds.isEmpty {
                let endpointGroups = interface.securityGroupIds.compactMap(index.securityGroup)
                if endpointGroups.count == interface.securityGroupIds.count, let taskBlock {
                    hops.append(PathHop(kind: .endpointSecurityGroup,
                                        verdict: SecurityGroupEvaluator.ingress(endpointGroups, port: port, from: .block(taskBlock), peerGroupIds: workload.securityGroupIds),
                                        location: endpointGroups[0].location + "/IpPermissions"))
                }
            }
            // NACLs filter only traffic that leaves or enters a subnet.
            if let taskAcl, !(peerSubnets.count == 1 && peerSubnets[0] == routing.subnetId) {
                let outbound = NetworkAclEvaluator.evaluate(taskAcl, egress: true, ports: port...port, peer: peer)
                let inbound = NetworkAclEvaluator.evaluate(taskAcl, egress: false, ports: 1024...65535, peer: peer)
                let verdict = outbound.isBlocked ? outbound : (inbound.isBlocked ? inbound : (outbound.isAllowed && inbound.isAllowed ? outbound : (outbound.isAllowed ? inbound : outbound)))
                hops.append(PathHop(kind: .networkAcl, verdict: verdict, location: taskAcl.location + "/Entries"))
            }
            if let interface = endpointUsed, interface.isInterface, let taskBlock {
                for subnetId in interface.subnetIds where subnetId != routing.subnetId {
                    guard let acl = index.networkAcl(forSubnet: subnetId), acl.networkAclId != taskAcl?.networkAclId else { continue }
                    let inbound = NetworkAclEvaluator.evaluate(acl, egress: false, ports: port...port, peer: .block(taskBlock))
                    let outbound = NetworkAclEvaluator.evaluate(acl, egress: true, ports: 1024...65535, peer: .block(taskBlock))
                    hops.append(PathHop(kind: .networkAcl, verdict: inbound.isBlocked ? inbound : outbound, location: acl.location + "/Entries"))
                }
            }
            let blocking = hops.first { $0.verdict.isBlocked }
            let undetermined = hops.contains { if case .undetermined = $0.verdict { return true } else { return false } }
            return DependencyPath(dependency: dependency, route: route, hops: hops, blockingHop: blocking,
                                  verdict: blocking != nil ? .unreachable : (undetermined ? .undetermined : .reachable), endpoint: endpointUsed, peer: peer)
        }
    }

    /// An endpoint policy that does not allow what the task needs. Only the
    /// S3 layer bucket of ECR images is checked: other needs depend on
    /// resource names the snapshot rarely shows.
    static func policyHop(_ endpoint: VpcEndpoint, dependency: Dependency, region: String?) -> PathHop? {
        guard let policy = endpoint.policyDocument, dependency.target == "s3", dependency.reason.contains("starport-layer-bucket"),
              let region else { return nil }
        let layers = "arn:aws:s3:::prod-\(region)-starport-layer-bucket/*"
        var allowed: PolicyStatement?
        for statement in policy.statements {
            let principalAll = statement.principal?.isWildcard == true || statement.principal?.values(ofType: "AWS").contains("*") == true
            let action = statement.actions.map { $0.contains { Wildcard.matches($0, "s3:GetObject", caseInsensitive: true) } }
                ?? statement.notActions.map { !$0.contains { Wildcard.matches($0, "s3:GetObject", caseInsensitive: true) } } ?? false
            let resource = statement.resources.map { $0.contains { Wildcard.matches($0, layers) } }
                ?? statement.notResources.map { !$0.contains { Wildcard.matches($0, layers) } } ?? false
            guard principalAll || statement.principal == nil, action, resource else { continue }
            if !statement.conditions.isEmpty {
                return PathHop(kind: .endpointPolicy, verdict: .undetermined("\(statement.label) of \(endpoint.vpcEndpointId)'s policy has conditions (\(statement.conditions.map(\.key).joined(separator: ", ")))"), location: endpoint.location + "/PolicyDocument")
            }
            if !statement.allows {
                return PathHop(kind: .endpointPolicy, verdict: .blocked("\(statement.label) of \(endpoint.vpcEndpointId)'s policy denies s3:GetObject on \(layers)"), location: endpoint.location + "/PolicyDocument")
            }
            allowed = allowed ?? statement
        }
        if let allowed {
            return PathHop(kind: .endpointPolicy, verdict: .allowed("\(allowed.label) allows s3:GetObject on the ECR layer bucket"), location: endpoint.location + "/PolicyDocument")
        }
        return PathHop(kind: .endpointPolicy, verdict: .blocked("\(endpoint.vpcEndpointId)'s policy does not allow s3:GetObject on \(layers), where ECR keeps image layers"), location: endpoint.location + "/PolicyDocument")
    }
}
