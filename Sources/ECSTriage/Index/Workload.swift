/// What the analysis reasons about: a service with its tasks, or a task run
/// on its own, together with the definition and network placement they share.
///
/// A class (immutable, shared) rather than a struct: rules pass workloads
/// around by the thousand, and copying one copied its service, tasks and
/// definition field by field; profiles of account-scale snapshots showed it.
public final class Workload: Sendable {
    /// The service name, or the task id for a standalone task.
    public let name: String
    public let service: ECSService?
    public let tasks: [ECSTask]
    public let taskDefinition: TaskDefinition?
    public let clusterArn: String?
    public let isFargate: Bool
    public let subnetIds: [String]
    public let securityGroupIds: [String]
    public let publicIp: PublicIpAssignment
    /// Where the network placement was read, for evidence.
    public let networkLocation: String?

    init(name: String, service: ECSService?, tasks: [ECSTask], taskDefinition: TaskDefinition?, clusterArn: String?,
         isFargate: Bool, subnetIds: [String], securityGroupIds: [String], publicIp: PublicIpAssignment, networkLocation: String?) {
        self.name = name
        self.service = service
        self.tasks = tasks
        self.taskDefinition = taskDefinition
        self.clusterArn = clusterArn
        self.isFargate = isFargate
        self.subnetIds = subnetIds
        self.securityGroupIds = securityGroupIds
        self.publicIp = publicIp
        self.networkLocation = networkLocation
        var ids = Set(tasks.map(\.taskArn))
        if let service { ids.insert(service.serviceArn) }
        resourceIds = ids
    }

    /// The resource a finding about this workload names first.
    public var primaryResource: String { service?.serviceArn ?? tasks.first?.taskArn ?? name }

    /// The service, or the standalone task, as a finding names it.
    public var resource: ResourceID { .arn(primaryResource) }

    /// Every resource whose symptoms belong to this workload (worked out
    /// once: rules ask for it for every workload).
    public let resourceIds: Set<String>

    /// The network mode ECS uses: always awsvpc on Fargate.
    public var networkMode: String? {
        if isFargate { return "awsvpc" }
        return taskDefinition?.effectiveNetworkMode
    }

    /// `--cluster` argument for commands.
    public var clusterName: String { clusterArn.map(ARN.clusterName) ?? "<cluster>" }
}

public enum PublicIpAssignment: Sendable, Equatable {
    case enabled
    case disabled
    /// Standalone tasks do not report it; the ENI in `NetworkInterfaces` would.
    case unknown
}
