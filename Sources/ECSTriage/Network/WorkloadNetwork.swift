/// Where a workload's traffic to its dependencies leaves from: the task's own
/// ENI (Fargate), or the container instances (EC2), whose agent and Docker
/// daemon pull images, fetch secrets, ship awslogs and mount EFS through the
/// instance's network whatever the task's network mode.
// Sources: aws/amazon-ecs-agent@8dfceca agent/dockerclient/dockerapi/docker_client.go (PullImage through the
// host's Docker daemon); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html and
// .../fargate-task-networking.html (on Fargate the pull goes through the task's ENI).
public struct NetworkOrigin: Sendable {
    public enum Kind: Sendable, Equatable {
        case taskInterface
        case containerInstances
    }

    public var kind: Kind
    public var subnetId: String
    public var securityGroupIds: [String]
    public var publicIp: PublicIpAssignment
    /// EC2 instances that share this subnet, these groups and this kind of address.
    public var instanceIds: [String] = []
    /// Those of them whose agent ECS reports connected: their agent's path evidently works.
    public var connectedInstanceIds: [String] = []
    /// Where the placement was read (network configuration, or the first instance).
    public var location: String?
    /// Why these instances are taken as the workload's, when it is not that its tasks run on them.
    public var premise: String?

    public var isInstance: Bool { kind == .containerInstances }

    /// How findings name the source of the traffic.
    public var noun: String {
        switch kind {
        case .taskInterface: return "the task"
        case .containerInstances: return NetworkOrigin.describe(instanceIds)
        }
    }

    /// "instance i-1", "instances i-1, i-2".
    public static func describe(_ instanceIds: [String]) -> String {
        instanceIds.count == 1 ? "instance \(instanceIds[0])" : "instances \(instanceIds.joined(separator: ", "))"
    }

    public var resources: [ResourceID] { instanceIds.map(ResourceID.ec2Instance) }
}

extension NetworkOrigin {
    /// One origin per task subnet, with the workload's groups and public IP setting.
    static func taskInterfaces(of workload: Workload) -> [NetworkOrigin] {
        workload.subnetIds.map {
            NetworkOrigin(kind: .taskInterface, subnetId: $0, securityGroupIds: workload.securityGroupIds, publicIp: workload.publicIp,
                          location: workload.networkLocation)
        }
    }

    /// The instances an EC2 workload depends on, grouped by subnet, groups and public address:
    /// those running its tasks; else its cluster's container instances; else, when its cluster is
    /// known to have none registered, the snapshot's live instances that registered nowhere.
    static func containerInstances(of workload: Workload, index: SnapshotIndex) -> [NetworkOrigin] {
        var instances = index.hostInstances(of: workload)
        var premise: String?
        let clusterName = workload.clusterArn.map(ARN.clusterName)
        if instances.isEmpty, let clusterName {
            instances = index.containerInstances(inCluster: clusterName).compactMap { $0.ec2InstanceId.flatMap(index.instance) }
        }
        if instances.isEmpty, let clusterName, workload.isExplicitlyEC2, index.clusterHasNoInstances(clusterName) {
            instances = index.instances.filter { index.containerInstance(onEC2Instance: $0.instanceId) == nil }
            let registered = index.cluster(clusterName)?.registeredContainerInstancesCount
            let count = registered.map { "\($0) registered container instances" } ?? "no container instance listed"
            premise = "not registered to any cluster the snapshot lists, while \(clusterName) has \(count): taken as meant to join it"
        }
        var origins: [NetworkOrigin] = []
        var positions: [String: Int] = [:]
        for instance in instances where instance.isLive {
            guard let subnetId = instance.subnetId else { continue }
            let publicIp = instance.publicIp
            let key = "\(subnetId)|\(instance.securityGroupIds.sorted().joined(separator: ","))|\(publicIp)"
            let connected = index.containerInstance(onEC2Instance: instance.instanceId)?.agentConnected == true
            if let position = positions[key] {
                guard !origins[position].instanceIds.contains(instance.instanceId) else { continue }
                origins[position].instanceIds.append(instance.instanceId)
                if connected { origins[position].connectedInstanceIds.append(instance.instanceId) }
            } else {
                positions[key] = origins.count
                origins.append(NetworkOrigin(kind: .containerInstances, subnetId: subnetId, securityGroupIds: instance.securityGroupIds, publicIp: publicIp,
                                             instanceIds: [instance.instanceId], connectedInstanceIds: connected ? [instance.instanceId] : [],
                                             location: instance.location, premise: premise))
            }
        }
        return origins
    }
}

/// The paths of one origin: with its subnet's routing when the snapshot holds
/// the route table, else only the VPC-local ones (EFS).
public struct OriginPaths: Sendable {
    public var origin: NetworkOrigin
    public var routing: SubnetRouting?
    public var paths: [DependencyPath]
}

/// A workload's dependencies and, per origin (task subnet or container
/// instances), the path to each.
///
/// A class: built once per analysis and walked by every network rule.
public final class WorkloadNetwork: Sendable {
    public let workload: Workload
    public let dependencies: [Dependency]
    /// Origins whose route table is in the snapshot.
    public let subnets: [DependencyPaths]
    /// Origin subnets the snapshot cannot route (no subnet or route table data).
    public let unroutedSubnetIds: [String]
    /// For those, the paths that need no route (EFS mount targets are VPC-local).
    public let localPaths: [OriginPaths]

    init(workload: Workload, dependencies: [Dependency], subnets: [DependencyPaths], unroutedSubnetIds: [String], localPaths: [OriginPaths]) {
        self.workload = workload
        self.dependencies = dependencies
        self.subnets = subnets
        self.unroutedSubnetIds = unroutedSubnetIds
        self.localPaths = localPaths
    }

    /// Every origin's paths, routed first.
    public var pathSets: [OriginPaths] {
        subnets.map { OriginPaths(origin: $0.origin, routing: $0.routing, paths: $0.paths) } + localPaths
    }

    public static func build(_ index: SnapshotIndex, parallel: Bool = true) -> [WorkloadNetwork] {
        Parallel.map(index.workloads.count, minimumCount: parallel ? Parallel.minimumCount : Int.max) { position -> WorkloadNetwork? in
            let workload = index.workloads[position]
            guard let definition = workload.taskDefinition else { return nil }
            var dependencies = DependencyResolver.dependencies(of: definition, region: index.region)
            let origins: [NetworkOrigin]
            if workload.isFargate {
                origins = NetworkOrigin.taskInterfaces(of: workload)
            } else {
                origins = NetworkOrigin.containerInstances(of: workload, index: index)
                dependencies = DependencyResolver.agentDependencies(location: "") + dependencies
            }
            guard !origins.isEmpty else { return nil }
            var routed: [DependencyPaths] = []
            var unrouted: [String] = []
            var local: [OriginPaths] = []
            for origin in origins {
                if let paths = DependencyPaths(origin: origin, dependencies: dependencies, index: index) {
                    routed.append(paths)
                } else {
                    if !unrouted.contains(origin.subnetId) { unrouted.append(origin.subnetId) }
                    let site = PathSite(origin: origin, routing: nil, index: index)
                    let paths = DependencyPathAnalysis.paths(from: site, dependencies: dependencies.filter { $0.kind == .fileSystem })
                    if !paths.isEmpty { local.append(OriginPaths(origin: origin, routing: nil, paths: paths)) }
                }
            }
            return WorkloadNetwork(workload: workload, dependencies: dependencies, subnets: routed, unroutedSubnetIds: unrouted, localPaths: local)
        }.compactMap { $0 }
    }
}

extension Workload {
    /// The service or task says EC2 (not merely "not Fargate").
    var isExplicitlyEC2: Bool {
        service?.launchType?.uppercased() == "EC2" || tasks.contains { $0.launchType?.uppercased() == "EC2" }
            || taskDefinition?.requiresCompatibilities.map { $0.uppercased() } == ["EC2"]
    }
}
