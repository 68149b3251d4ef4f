/// Origins that share one routing defect, gathered across workloads: a
/// route-level finding names every subnet, route table and workload it
/// covers once, with one fix (endpoints, a route), instead of one finding per
/// subnet that would each print the same fix.
struct RouteGroup {
    struct Member {
        var network: WorkloadNetwork
        var paths: DependencyPaths
        /// What this member cannot reach, of what the rule is about.
        var blocked: [Dependency]
    }

    var key: String
    var members: [Member]

    var first: DependencyPaths { members[0].paths }
    var origin: NetworkOrigin { first.origin }
    var vpcId: String? { first.routing.vpcId }

    var subnetIds: [String] { members.map(\.paths.subnetId).uniqued() }
    var routeTableIds: [String] { members.map(\.paths.routing.table.routeTableId).uniqued() }
    var instanceIds: [String] { members.flatMap(\.paths.origin.instanceIds).uniqued() }
    var callerGroups: [String] { members.flatMap(\.paths.origin.securityGroupIds).uniqued() }
    /// Each routing once, for evidence.
    var routings: [SubnetRouting] {
        var seen = Set<String>()
        return members.map(\.paths.routing).filter { seen.insert($0.subnetId).inserted }
    }

    var workloads: [Workload] {
        var seen = Set<String>()
        return members.map(\.network.workload).filter { seen.insert($0.primaryResource).inserted }
    }

    /// Every blocked dependency once (by target and file system), in the order met.
    var blocked: [Dependency] {
        var seen = Set<String>()
        return members.flatMap(\.blocked).filter { seen.insert($0.key).inserted }
    }

    /// The symptoms each workload shows that its own blocked dependencies explain.
    func symptoms(_ context: AnalysisContext) -> [Symptom] {
        workloads.flatMap { workload in
            context.networkSymptoms(on: workload, blocked: members.filter { $0.network.workload === workload }.flatMap(\.blocked))
        }.uniquedInOrder
    }

    /// The resources a route-level finding names: `leading` first, then the subnets, instances, route tables and workloads.
    func resources(leading: [ResourceID] = [], vpc: Bool = false) -> [ResourceID] {
        leading + subnetIds.map(ResourceID.subnet) + instanceIds.map(ResourceID.ec2Instance) + routeTableIds.map(ResourceID.routeTable)
            + (vpc ? vpcId.map { [ResourceID.vpc($0)] } ?? [] : []) + workloads.map(\.resource)
    }

    /// Members gathered by `key` (nil leaves a member out), groups in the order first met.
    static func collect(_ context: AnalysisContext, _ member: (WorkloadNetwork, DependencyPaths) -> (key: String, blocked: [Dependency])?) -> [RouteGroup] {
        var groups: [RouteGroup] = []
        var positions: [String: Int] = [:]
        for network in context.network {
            for paths in network.subnets {
                guard let (key, blocked) = member(network, paths) else { continue }
                let entry = Member(network: network, paths: paths, blocked: blocked)
                if let position = positions[key] {
                    groups[position].members.append(entry)
                } else {
                    positions[key] = groups.count
                    groups.append(RouteGroup(key: key, members: [entry]))
                }
            }
        }
        return groups
    }
}
