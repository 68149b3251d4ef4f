/// What the analysis reasons about: a service with its tasks, or a task run
/// on its own, together with the definition and network placement they share.
public struct Workload: Sendable {
    /// The service name, or the task id for a standalone task.
    public var name: String
    public var service: ECSService?
    public var tasks: [ECSTask]
    public var taskDefinition: TaskDefinition?
    public var clusterArn: String?
    public var isFargate: Bool
    public var subnetIds: [String]
    public var securityGroupIds: [String]
    public var publicIp: PublicIpAssignment
    /// Where the network placement was read, for evidence.
    public var networkLocation: String?

    /// The resource a finding about this workload names first.
    public var primaryResource: String { service?.serviceArn ?? tasks.first?.taskArn ?? name }

    /// Every resource whose symptoms belong to this workload.
    public var resourceIds: Set<String> {
        var ids = Set(tasks.map(\.taskArn))
        if let service { ids.insert(service.serviceArn) }
        return ids
    }

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
