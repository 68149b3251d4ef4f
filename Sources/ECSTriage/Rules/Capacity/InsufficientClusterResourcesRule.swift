/// No container instance has the CPU, memory or GPU the task asks for.
struct InsufficientClusterResourcesRule: Rule {
    static let description = RuleDescription(
        id: "insufficient-cluster-resources", title: "No container instance has enough CPU, memory or GPU",
        category: .capacity, severity: .critical, explains: [.insufficientResources], needs: [.containerInstances, .taskDefinitions],
        examples: [
            .triggers("insufficient CPU event", "service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id has insufficient CPU units available.",
                      resources: [""], confidence: .likely),
            .quiet("other placement failure", "The closest matching container-instance is already using a port required by your task."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let shortage = symptom.facts.resourceShortage ?? "CPU or memory"
            var evidence: [Evidence] = []
            if let definition = workload?.taskDefinition, context.index.has(.containerInstances) {
                let cpu = Int(definition.cpu ?? "") ?? definition.containerDefinitions.compactMap(\.cpu).reduce(0, +)
                let memory = Int(definition.memory ?? "") ?? definition.containerDefinitions.compactMap { $0.memory ?? $0.memoryReservation }.reduce(0, +)
                let fits = context.index.containerInstances.filter { ($0.remainingCpu ?? .max) >= cpu && ($0.remainingMemory ?? .max) >= memory }
                if fits.isEmpty {
                    let best = context.index.containerInstances.map { "\($0.ec2InstanceId ?? "?"): \($0.remainingCpu.map(String.init) ?? "?") CPU units, \($0.remainingMemory.map(String.init) ?? "?") MiB free" }
                    evidence.append(Evidence(definition.location, "the task needs \(cpu) CPU units and \(memory) MiB; no instance has both free (\(best.joined(separator: "; ")))"))
                }
            }
            return NamedCauseDetail(
                title: "No container instance has enough free \(shortage) for the task",
                resources: symptom.resourceList, confirmingEvidence: evidence,
                fix: Fix(summary: "Add capacity (more or larger instances, a capacity provider with managed scaling) or lower the task's \(shortage) reservation",
                         steps: ["Compare the task's cpu/memory with remainingResources of each instance.",
                                 "Scale the Auto Scaling group out, or attach a capacity provider with managed scaling so ECS adds instances.",
                                 "During deployments, maximumPercent above 100 needs room for extra tasks: lower it or add spare capacity."],
                         commands: ["aws ecs describe-container-instances --cluster <cluster> --container-instances $(aws ecs list-container-instances --cluster <cluster> --query containerInstanceArns --output text) --query 'containerInstances[].[ec2InstanceId,remainingResources[?name==`CPU`].integerValue|[0],remainingResources[?name==`MEMORY`].integerValue|[0]]'"]))
        }
    }
}
