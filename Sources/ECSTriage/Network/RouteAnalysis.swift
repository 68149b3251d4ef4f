/// Where a subnet's traffic to the internet goes, hop by hop as far as the
/// snapshot shows.
public enum InternetRoute: Sendable {
    /// 0.0.0.0/0 to an internet gateway attached to the VPC.
    case internetGateway(id: String, route: Route)
    /// 0.0.0.0/0 to a NAT gateway that is available and itself routes to an internet gateway.
    case natGateway(NatGateway, route: Route)
    /// A default route that cannot carry traffic, with why.
    case unusable(reason: String, route: Route, natGatewayId: String?)
    /// Transit gateway, peering, appliance ENI...: decided outside this VPC.
    case beyondVpc(route: Route)
    /// No default route at all.
    case none
    /// The snapshot lacks what it takes to decide.
    case undetermined(MissingEvidence)
}

/// A task subnet and the route table it uses.
public struct SubnetRouting: Sendable {
    public var subnetId: String
    public var subnet: Subnet?
    public var table: RouteTable
    /// True when the subnet has no explicit association and uses the VPC's main table.
    public var usesMainTable: Bool
    public var internet: InternetRoute

    public var vpcId: String? { subnet?.vpcId ?? table.vpcId }
}

public enum RouteAnalysis {
    /// The routing of a subnet, or nil when its route table is not in the snapshot.
    public static func routing(ofSubnet subnetId: String, in index: SnapshotIndex) -> SubnetRouting? {
        guard let (table, isMain) = index.effectiveRouteTable(forSubnet: subnetId) else { return nil }
        return SubnetRouting(subnetId: subnetId, subnet: index.subnet(subnetId), table: table, usesMainTable: isMain,
                             internet: internetRoute(of: table, in: index, depth: 0))
    }

    static func defaultRoute(of table: RouteTable) -> Route? {
        table.routes.first { $0.destinationCidrBlock == "0.0.0.0/0" }
    }

    static func internetRoute(of table: RouteTable, in index: SnapshotIndex, depth: Int) -> InternetRoute {
        guard let route = defaultRoute(of: table) else { return .none }
        if route.isBlackhole {
            return .unusable(reason: "the 0.0.0.0/0 route to \(route.targetDescription) is a blackhole (its target was deleted)",
                             route: route, natGatewayId: route.natGatewayId)
        }
        if let gatewayId = route.gatewayId, gatewayId.hasPrefix("igw-") {
            guard index.has(.internetGateways), let vpcId = table.vpcId else { return .internetGateway(id: gatewayId, route: route) }
            if index.internetGatewayIds(attachedTo: vpcId).contains(gatewayId) { return .internetGateway(id: gatewayId, route: route) }
            return .unusable(reason: "internet gateway \(gatewayId) is not attached to \(vpcId)", route: route, natGatewayId: nil)
        }
        if let natId = route.natGatewayId {
            guard index.has(.natGateways) else {
                return .undetermined(MissingEvidence(why: "the state of NAT gateway \(natId) decides whether the default route works",
                                                     command: "aws ec2 describe-nat-gateways --nat-gateway-ids \(natId)"))
            }
            guard let nat = index.natGateway(natId) else {
                return .unusable(reason: "NAT gateway \(natId) does not exist (deleted?)", route: route, natGatewayId: natId)
            }
            let state = nat.state?.lowercased() ?? "unknown"
            if state != "available" {
                return .unusable(reason: "NAT gateway \(natId) is \(state), not available", route: route, natGatewayId: natId)
            }
            if nat.connectivityType?.lowercased() == "private" {
                return .unusable(reason: "NAT gateway \(natId) is a private NAT gateway: it does not reach the internet", route: route, natGatewayId: natId)
            }
            // A NAT gateway only reaches the internet if its own subnet routes to an IGW.
            if depth == 0, let natSubnet = nat.subnetId, let (natTable, _) = index.effectiveRouteTable(forSubnet: natSubnet) {
                switch internetRoute(of: natTable, in: index, depth: 1) {
                case .internetGateway: return .natGateway(nat, route: route)
                case .undetermined, .beyondVpc: return .natGateway(nat, route: route)
                default:
                    let reason = "NAT gateway \(natId) sits in \(natSubnet), whose route table \(natTable.routeTableId) "
                        + "has no 0.0.0.0/0 route to an internet gateway"
                    return .unusable(reason: reason, route: route, natGatewayId: natId)
                }
            }
            return .natGateway(nat, route: route)
        }
        if route.gatewayId == "local" { return .none }
        return .beyondVpc(route: route)
    }
}

/// How one origin (a task subnet, or container instances) reaches each
/// dependency: the routing decides the way out, then every later hop is
/// walked (`DependencyPathAnalysis`).
///
/// A class: network rules walk these for every workload and subnet.
public final class DependencyPaths: Sendable {
    public let origin: NetworkOrigin
    public let routing: SubnetRouting
    /// Internet egress works for this origin: IGW with a public IP, or a usable NAT.
    public let hasInternet: Bool
    /// Whether internet egress is decided (false when it depends on things outside the snapshot).
    public let internetDecided: Bool
    /// Dependencies with no way out at all (no endpoint, no internet), as decided by the snapshot.
    public let unreachable: [Dependency]
    /// Dependencies served by a VPC endpoint.
    public let viaEndpoint: [Dependency]
    /// Every dependency's path, hop by hop.
    public let paths: [DependencyPath]

    public init?(origin: NetworkOrigin, dependencies: [Dependency], index: SnapshotIndex) {
        guard let routing = RouteAnalysis.routing(ofSubnet: origin.subnetId, in: index) else { return nil }
        self.origin = origin
        self.routing = routing
        switch routing.internet {
        case .internetGateway:
            hasInternet = origin.publicIp == .enabled
            internetDecided = origin.publicIp != .unknown
        case .natGateway:
            hasInternet = true
            internetDecided = true
        case .unusable, .none:
            hasInternet = false
            internetDecided = true
        case .beyondVpc, .undetermined:
            hasInternet = false
            internetDecided = false
        }
        let site = PathSite(origin: origin, routing: routing, hasInternet: hasInternet, internetDecided: internetDecided, index: index)
        paths = DependencyPathAnalysis.paths(from: site, dependencies: dependencies)
        unreachable = paths.filter(\.hasNoRoute).map(\.dependency)
        viaEndpoint = paths.filter { $0.endpoint != nil }.map(\.dependency)
    }

    public var subnetId: String { origin.subnetId }

    /// An available endpoint for the service that this route table can use:
    /// an interface endpoint in the VPC, or (S3, DynamoDB) a gateway endpoint on this table.
    static func hasEndpoint(for service: String, endpoints: [VpcEndpoint], routeTableId: String) -> Bool {
        usableEndpoint(for: service, endpoints: endpoints, routeTableId: routeTableId) != nil
    }

    /// The endpoint traffic for `service` takes from this route table: a
    /// gateway endpoint on the table first, else an interface endpoint.
    static func usableEndpoint(for service: String, endpoints: [VpcEndpoint], routeTableId: String) -> VpcEndpoint? {
        let available = endpoints.filter { $0.shortServiceName == service && ($0.state == nil || $0.isAvailable) }
        return available.first { $0.isGateway && $0.routeTableIds.contains(routeTableId) } ?? available.first(where: \.isInterface)
    }
}
