/// A Fargate workload's dependencies and, per task subnet, the path to each.
/// Only Fargate: on EC2 the container agent pulls images, secrets and logs
/// through the instance's network, not the task's ENI.
///
/// A class: built once per analysis and walked by every network rule.
public final class WorkloadNetwork: Sendable {
    public let workload: Workload
    public let dependencies: [Dependency]
    /// Subnets whose route table is in the snapshot.
    public let subnets: [DependencyPaths]
    /// Task subnets the snapshot cannot route (no subnet or route table data).
    public let unroutedSubnetIds: [String]

    init(workload: Workload, dependencies: [Dependency], subnets: [DependencyPaths], unroutedSubnetIds: [String]) {
        self.workload = workload
        self.dependencies = dependencies
        self.subnets = subnets
        self.unroutedSubnetIds = unroutedSubnetIds
    }

    public static func build(_ index: SnapshotIndex, parallel: Bool = true) -> [WorkloadNetwork] {
        Parallel.map(index.workloads.count, minimumCount: parallel ? Parallel.minimumCount : Int.max) { position -> WorkloadNetwork? in
            let workload = index.workloads[position]
            guard workload.isFargate, let definition = workload.taskDefinition else { return nil }
            let dependencies = DependencyResolver.dependencies(of: definition, region: index.region)
            var paths: [DependencyPaths] = []
            var unrouted: [String] = []
            for subnetId in workload.subnetIds {
                if let path = DependencyPaths(workload: workload, subnetId: subnetId, dependencies: dependencies, index: index) {
                    paths.append(path)
                } else {
                    unrouted.append(subnetId)
                }
            }
            return WorkloadNetwork(workload: workload, dependencies: dependencies, subnets: paths, unroutedSubnetIds: unrouted)
        }.compactMap { $0 }
    }
}
