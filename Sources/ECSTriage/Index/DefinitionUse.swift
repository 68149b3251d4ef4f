/// A task definition with the workloads that run it: what the
/// task-definition rules check, and where the failures they explain appear.
/// Built once by the index (`SnapshotIndex.definitionUses`).
public final class DefinitionUse: Sendable {
    public let definition: TaskDefinition
    public let workloads: [Workload]
    /// true when its services and tasks run on Fargate, false when they run
    /// on EC2 or external instances, nil when the snapshot does not say (a
    /// definition compatible with both, and nothing running it).
    public let runsOnFargate: Bool?

    init(definition: TaskDefinition, workloads: [Workload]) {
        self.definition = definition
        self.workloads = workloads
        runsOnFargate = DefinitionUse.placement(definition, workloads)
    }

    private static func placement(_ definition: TaskDefinition, _ users: [Workload]) -> Bool? {
        if users.contains(where: \.isFargate) { return true }
        let launchTypes = users.flatMap { [$0.service?.launchType] + $0.tasks.map(\.launchType) }.compactMap { $0?.uppercased() }
        if launchTypes.contains(where: { $0 == "EC2" || $0 == "EXTERNAL" }) { return false }
        let compatibilities = Set(definition.requiresCompatibilities.map { $0.uppercased() })
        if compatibilities == ["FARGATE"] { return true }
        if !compatibilities.isEmpty, !compatibilities.contains("FARGATE") { return false }
        return nil
    }

    /// Fargate's constraints apply (network mode, task size...): the
    /// definition is registered for Fargate, or runs there.
    public var fargateConstraintsApply: Bool {
        definition.requiresCompatibilities.contains { $0.uppercased() == "FARGATE" } || runsOnFargate == true
    }

    public var isWindows: Bool { definition.operatingSystemFamily?.uppercased().hasPrefix("WINDOWS") == true }

    /// The definition first, then the services and tasks that run it.
    public var resources: [ResourceID] { [.arn(definition.taskDefinitionArn)] + workloads.map(\.resource) }
}
