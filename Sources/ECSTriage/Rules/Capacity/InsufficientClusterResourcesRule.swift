/// No container instance of the cluster has the CPU, memory or GPU the task
/// asks for ("has insufficient CPU units available"); confirmed when the
/// cluster's container instances' remaining resources cannot hold the task.
struct InsufficientClusterResourcesRule: Rule {
    static let description = RuleDescription(
        id: "insufficient-cluster-resources", title: "No container instance has enough CPU, memory or GPU",
        category: .capacity, severity: .critical, explains: [.insufficientResources], needs: [.containerInstances, .taskDefinitions],
        examples: [
            .triggers("insufficient CPU event", "service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id has insufficient CPU units available.",
                      resources: [""], confidence: .likely),
            .triggers("no instance of the cluster has 512 MiB free", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: [memoryEvent], launchType: "EC2", awsvpc: false)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"])),
                Fixture.array("containerInstances", containerInstance("prod", cpu: 1024, memory: 256))),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .quiet("other placement failure", "The closest matching container-instance is already using a port required by your task."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let shortage = symptom.facts.resourceShortage ?? "CPU or memory"
            let cluster = workload?.clusterArn.map(ARN.clusterName) ?? ServiceCoordinates(nil, symptom: symptom, index: context.index).cluster
            let instances = cluster.map(context.index.containerInstances(mayBeIn:)) ?? []
            let need = workload?.taskDefinition.map(Requirement.init)
            let full = need.map { need in !instances.isEmpty && instances.allSatisfy { !need.fits($0) } } ?? false
            return NamedCauseDetail(
                title: Self.title(shortage),
                resources: symptom.resourceList,
                confirmingEvidence: full ? [Self.fullEvidence(need!, instances: instances, cluster: cluster!)] : [],
                fix: Self.fix(shortage, group: Self.group(instances, context.index)),
                missingEvidence: Self.missing(cluster: cluster, instances: instances, symptom: symptom, context: context))
        }
    }

    /// What one task reserves: task-level cpu/memory, else the sum over its containers.
    struct Requirement {
        var location: String
        var cpu: Int
        var memory: Int

        init(_ definition: TaskDefinition) {
            location = definition.location
            cpu = Int(definition.cpu ?? "") ?? definition.containerDefinitions.compactMap(\.cpu).reduce(0, +)
            memory = Int(definition.memory ?? "") ?? definition.containerDefinitions.compactMap { $0.memory ?? $0.memoryReservation }.reduce(0, +)
        }

        /// Whether the instance has both free; unreported resources count as free.
        func fits(_ instance: ContainerInstance) -> Bool {
            (instance.remainingCpu ?? .max) >= cpu && (instance.remainingMemory ?? .max) >= memory
        }
    }
}

// MARK: Messages and fixes

extension InsufficientClusterResourcesRule {
    static func title(_ shortage: String) -> String {
        "No container instance has enough free \(shortage) for the task"
    }

    static func fullEvidence(_ need: Requirement, instances: [ContainerInstance], cluster: String) -> Evidence {
        let free = instances.map { instance in
            "\(instance.ec2InstanceId ?? instance.shortId): \(instance.remainingCpu.map(String.init) ?? "?") CPU units, "
                + "\(instance.remainingMemory.map(String.init) ?? "?") MiB free"
        }
        return Evidence(need.location, "the task needs \(need.cpu) CPU units and \(need.memory) MiB; no container instance of \(cluster) has both free "
                            + "(\(free.joined(separator: "; ")))")
    }

    /// The instances' Auto Scaling group (from their tags, else a placeholder) and how many instances it has now.
    static func group(_ instances: [ContainerInstance], _ index: SnapshotIndex) -> (change: LaunchTemplateChange, count: Int)? {
        guard !instances.isEmpty else { return nil }
        return (LaunchTemplateChange(instanceIds: instances.compactMap(\.ec2InstanceId), index: index), instances.count)
    }

    static func fix(_ shortage: String, group: (change: LaunchTemplateChange, count: Int)?) -> Fix {
        var commands: [String] = []
        if let group {
            commands.append("aws autoscaling set-desired-capacity --auto-scaling-group-name "
                            + "\(group.change.autoScalingGroupName.map(ShellWord.quoted) ?? "<auto-scaling-group>") --desired-capacity \(group.count + 1)")
        }
        return Fix(summary: "Add capacity (more or larger instances, a capacity provider with managed scaling) or lower the task's \(shortage) reservation",
                   steps: ["Compare the task's cpu/memory with the remaining resources of each container instance.",
                           "Scale the Auto Scaling group out, or attach a capacity provider with managed scaling so ECS adds instances.",
                           "During deployments, maximumPercent above 100 needs room for extra tasks: lower it or add spare capacity."],
                   commands: commands)
    }

    static func missing(cluster: String?, instances: [ContainerInstance], symptom: Symptom, context: AnalysisContext) -> [MissingEvidence] {
        guard let cluster else { return ServiceCoordinates(nil, symptom: symptom, index: context.index).missingEvidence }
        guard !instances.isEmpty else {
            let clusterWord = ShellWord.quoted(cluster)
            return [MissingEvidence(why: "the remaining CPU and memory of the cluster's container instances",
                                    command: "aws ecs describe-container-instances --cluster \(clusterWord) --container-instances "
                                        + "$(aws ecs list-container-instances --cluster \(clusterWord) --query containerInstanceArns --output text) "
                                        + "--query 'containerInstances[].[ec2InstanceId,remainingResources[?name==`CPU`].integerValue|[0],"
                                        + "remainingResources[?name==`MEMORY`].integerValue|[0]]'")]
        }
        return LaunchTemplateChange(instanceIds: instances.compactMap(\.ec2InstanceId), index: context.index).missingEvidence
    }

    // Example inputs.
    static let memoryEvent = "(service web) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance 5c1e9d7a2b3f4e60 has insufficient memory available."

    static func containerInstance(_ cluster: String, cpu: Int, memory: Int) -> String {
        #"{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/\#(cluster)/5c1e9d7a2b3f4e60", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true, "remainingResources": [{"name": "CPU", "type": "INTEGER", "integerValue": \#(cpu)}, {"name": "MEMORY", "type": "INTEGER", "integerValue": \#(memory)}]}"#
    }
}
