/// A container cannot reserve more than its task: a container `memory` or
/// `memoryReservation` above the task-level `memory`, or container `cpu`
/// units adding up to more than the task-level `cpu`.
struct ContainerMemoryExceedsTaskRule: Rule {
    static let description = RuleDescription(
        id: "container-memory-exceeds-task", title: "A container asks for more memory or CPU than its task has",
        category: .taskDefinition, severity: .critical, explains: [.containerExceedsTaskSize],
        needs: [.taskDefinitions],
        examples: [
            .triggers("container memory 1024 in a 512 MiB task", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "memory": 1024"#))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("container cpu 512 in a 256-unit task, and the API error", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "cpu": 512, "memory": 1024"#)),
                Fixture.array("services", Fixture.service("web", events: ["ClientException: The 'memory' setting for container 'web' is greater than for the task."]))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .confirmed),
            .triggers("the API error alone", "ClientException: The 'memory' setting for container 'worker' is greater than for the task.",
                      resources: [""], confidence: .likely),
            .quiet("container memory within a \"1 GB\" task", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "cpu": 256, "memory": 1024, "memoryReservation": 512"#, cpu: "512", memory: "1 GB")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses {
            guard let finding = check(use, context) else { continue }
            explained.formUnion(finding.explains)
            findings.append(finding)
        }
        for symptom in context.symptoms(of: [.containerExceedsTaskSize]) where !explained.contains(symptom.id) {
            let container = symptom.facts.containerName ?? "<container>"
            findings.append(Self.description.findingFromText(
                symptom, title: "Container \(container) asks for more than the task-level size",
                fix: Fix(summary: "Raise the task-level memory/cpu, or lower the container's memory, memoryReservation or cpu",
                         steps: ["A container's memory and memoryReservation must not exceed the task's memory, and the containers' cpu must add up to no more than the task's cpu.",
                                 "On Fargate, pick a task size that holds the containers (see fargate-invalid-cpu-memory for the pairs)."],
                         commands: ["aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{cpu:cpu,memory:memory,containers:containerDefinitions[].{name:name,cpu:cpu,memory:memory,reservation:memoryReservation}}'"]),
                context: context))
        }
        return findings
    }

    private func check(_ use: DefinitionUse, _ context: AnalysisContext) -> Finding? {
        let definition = use.definition
        let taskMemory = definition.memory.flatMap(FargateTaskSize.memoryMiB)
        let taskCpu = definition.cpu.flatMap(FargateTaskSize.cpuUnits)
        var evidence: [Evidence] = []
        var neededMemory = 0
        var names: [String] = []
        if let taskMemory {
            for container in definition.containerDefinitions {
                for (field, value) in [("memory", container.memory), ("memoryReservation", container.memoryReservation)] {
                    guard let value, value > taskMemory else { continue }
                    evidence.append(Evidence(container.location + "/" + field, "container \(container.name) sets \(field) \(value) MiB, above the task's \(taskMemory) MiB"))
                    neededMemory = max(neededMemory, value)
                    names.append(container.name)
                }
            }
        }
        let containerCpu = definition.containerDefinitions.compactMap(\.cpu).reduce(0, +)
        if let taskCpu, containerCpu > taskCpu {
            evidence.append(Evidence(definition.location + "/containerDefinitions", "the containers reserve \(containerCpu) CPU units together, above the task's \(taskCpu)"))
        }
        guard !evidence.isEmpty else { return nil }
        let symptoms = context.symptoms(of: [.containerExceedsTaskSize], on: use).filter { symptom in
            symptom.facts.containerName.map { names.contains($0) || !definition.containerDefinitions.contains { $0.name == symptom.facts.containerName } } ?? true
        }
        evidence.insert(Evidence(definition.location, "\(definition.familyRevision): task cpu \(definition.cpu ?? "unset"), memory \(definition.memory ?? "unset")"), at: 0)
        let wantCpu = max(taskCpu ?? 0, containerCpu)
        let wantMemory = max(taskMemory ?? 0, neededMemory)
        let size = use.fargateConstraintsApply ? FargateTaskSize.suggestion(cpu: wantCpu, memory: wantMemory, windows: use.isWindows) : (cpu: wantCpu, memory: wantMemory)
        var changes: [String] = []
        if let taskCpu, size.cpu > taskCpu { changes.append("--cpu \(size.cpu)") }
        if let taskMemory, size.memory > taskMemory { changes.append("--memory \(size.memory)") }
        let who = names.isEmpty ? "The containers" : "Container \(Array(Set(names)).sorted().joined(separator: ", "))"
        return Self.description.finding(
            title: "\(who) of \(definition.familyRevision) \(names.count == 1 || names.isEmpty ? "asks" : "ask") for more than the task's \(neededMemory > 0 ? "memory" : "cpu")",
            explains: symptoms, resources: use.resources,
            evidence: symptoms.map(\.evidence) + evidence,
            fix: Fix(summary: "Raise the task size to cpu \(size.cpu), memory \(size.memory)\(use.fargateConstraintsApply ? " (a Fargate size)" : ""), or lower the container values",
                     steps: ["Task-level cpu and memory are the ceiling for all containers together: each container's memory and memoryReservation must fit in the task's memory, and their cpu must add up to no more than the task's cpu.",
                             "Either raise the task size, or lower the container's hard limit (memory) and keep a soft reservation (memoryReservation) that fits."],
                     commands: [use.exportCommand, use.registerCommand(changes.joined(separator: " "))] + use.updateServiceCommands,
                     terraform: "resource \"aws_ecs_task_definition\" \"\(use.label)\" {\n  cpu    = \"\(size.cpu)\"\n  memory = \"\(size.memory)\"\n  # or lower memory / memoryReservation / cpu in container_definitions\n}"))
    }
}
