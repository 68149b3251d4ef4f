/// One service's attachment to one target group, with what the
/// load-balancing rules compare: the target group, its load balancers, the
/// container and port mapping the service names.
/// A class, built once by the index (`SnapshotIndex.serviceTargets`):
/// seven rules walk every attachment of every service.
public final class ServiceTarget: Sendable {
    public let workload: Workload
    public let service: ECSService
    public let attachment: ServiceLoadBalancer
    public let targetGroupArn: String
    /// nil when the snapshot does not list the target group.
    public let targetGroup: TargetGroup?
    /// The target group's load balancers that the snapshot lists.
    public let loadBalancers: [LoadBalancer]
    /// The container the attachment names, when the definition is in the snapshot.
    public let container: ContainerDefinition?
    /// The container's port mapping for the attachment's `containerPort`
    /// (one that names it, or a `containerPortRange` holding it).
    public let portMapping: PortMapping?

    private init(workload: Workload, service: ECSService, attachment: ServiceLoadBalancer, targetGroupArn: String,
                 targetGroup: TargetGroup?, loadBalancers: [LoadBalancer], container: ContainerDefinition?, portMapping: PortMapping?) {
        self.workload = workload
        self.service = service
        self.attachment = attachment
        self.targetGroupArn = targetGroupArn
        self.targetGroup = targetGroup
        self.loadBalancers = loadBalancers
        self.container = container
        self.portMapping = portMapping
    }

    /// Every target-group attachment of every service, in snapshot order.
    static func all(in workloads: [Workload], targetGroups: [String: TargetGroup], loadBalancers: [String: LoadBalancer]) -> [ServiceTarget] {
        workloads.flatMap { workload -> [ServiceTarget] in
            guard let service = workload.service else { return [] }
            return service.loadBalancers.compactMap { attachment in
                guard let arn = attachment.targetGroupArn else { return nil }
                let group = targetGroups[arn]
                let container = workload.taskDefinition?.containerDefinitions.first { $0.name == attachment.containerName }
                return ServiceTarget(
                    workload: workload, service: service, attachment: attachment, targetGroupArn: arn, targetGroup: group,
                    loadBalancers: (group?.loadBalancerArns ?? []).compactMap { loadBalancers[$0] },
                    container: container,
                    portMapping: attachment.containerPort.flatMap { port in container?.portMappings.first { $0.maps(port) } })
            }
        }
    }

    public var groupName: String { targetGroup?.name ?? ARN.targetGroupName(targetGroupArn) }
}
