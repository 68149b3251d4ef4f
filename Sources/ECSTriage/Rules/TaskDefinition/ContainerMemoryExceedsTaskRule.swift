/// A container cannot reserve more than its task: a container `memory` or
/// `memoryReservation` above the task-level `memory`, or container `cpu`
/// units adding up to more than the task-level `cpu` (TaskDefinition.cpu and
/// .memory in botocore's ECS model, data/ecs/2014-11-13/service-2.json).
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
                      resources: ["worker"], confidence: .likely),
            .quiet("container memory within a \"1 GB\" task", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "cpu": 256, "memory": 1024, "memoryReservation": 512"#, cpu: "512", memory: "1 GB")))),
        ])

    /// What a definition asks for beyond its task size.
    struct Excess {
        var evidence: [Evidence] = []
        var containers: [String] = []
        var neededMemory = 0
        var containerCpu = 0
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses {
            guard let finding = check(use, context) else { continue }
            explained.formUnion(finding.explains)
            findings.append(finding)
        }
        for symptom in context.symptoms(of: [.containerExceedsTaskSize]) where !explained.contains(symptom.id) {
            findings.append(Self.description.findingFromText(
                symptom, title: Self.textTitle(symptom.facts.containerName), fix: Self.textFix()))
        }
        return findings
    }

    private func check(_ use: DefinitionUse, _ context: AnalysisContext) -> Finding? {
        let definition = use.definition
        let taskMemory = definition.memory.flatMap(FargateTaskSize.memoryMiB)
        let taskCpu = definition.cpu.flatMap(FargateTaskSize.cpuUnits)
        var excess = Excess()
        if let taskMemory {
            for container in definition.containerDefinitions {
                for (field, value) in [("memory", container.memory), ("memoryReservation", container.memoryReservation)] {
                    guard let value, value > taskMemory else { continue }
                    excess.evidence.append(Self.memoryEvidence(container, field: field, value: value, taskMemory: taskMemory))
                    excess.neededMemory = max(excess.neededMemory, value)
                    if !excess.containers.contains(container.name) { excess.containers.append(container.name) }
                }
            }
        }
        excess.containerCpu = definition.containerDefinitions.compactMap(\.cpu).reduce(0, +)
        if let taskCpu, excess.containerCpu > taskCpu {
            excess.evidence.append(Self.cpuEvidence(definition, containerCpu: excess.containerCpu, taskCpu: taskCpu))
        }
        guard !excess.evidence.isEmpty else { return nil }
        let symptoms = context.symptoms(of: [.containerExceedsTaskSize], on: use).filter { symptom in
            guard let named = symptom.facts.containerName else { return true }
            return excess.containers.contains(named) || !definition.containerDefinitions.contains { $0.name == named }
        }
        let wantCpu = max(taskCpu ?? 0, excess.containerCpu)
        let wantMemory = max(taskMemory ?? 0, excess.neededMemory)
        let size = use.fargateConstraintsApply ? FargateTaskSize.suggestion(cpu: wantCpu, memory: wantMemory, windows: use.isWindows)
                                               : (cpu: wantCpu, memory: wantMemory)
        var edits: [TaskDefinitionChange.Edit] = []
        if let taskCpu, size.cpu > taskCpu { edits.append(.task("cpu", .string(String(size.cpu)))) }
        if let taskMemory, size.memory > taskMemory { edits.append(.task("memory", .string(String(size.memory)))) }
        return Self.description.finding(
            title: Self.title(definition, excess: excess), explains: symptoms, resources: use.resources,
            evidence: symptoms.map(\.evidence) + [Self.sizeEvidence(definition)] + excess.evidence,
            fix: Self.fix(size: size, fargate: use.fargateConstraintsApply, change: TaskDefinitionChange(use, edits), definition: definition))
    }
}

// MARK: Messages and fixes

extension ContainerMemoryExceedsTaskRule {
    static func title(_ definition: TaskDefinition, excess: Excess) -> String {
        let who = excess.containers.isEmpty ? "The containers" : "Container \(excess.containers.joined(separator: ", "))"
        let verb = excess.containers.count == 1 || excess.containers.isEmpty ? "asks" : "ask"
        return "\(who) of \(definition.familyRevision) \(verb) for more than the task's \(excess.neededMemory > 0 ? "memory" : "cpu")"
    }

    static func textTitle(_ container: String?) -> String {
        "Container \(container ?? "") asks for more than the task-level size"
    }

    static func sizeEvidence(_ definition: TaskDefinition) -> Evidence {
        Evidence(definition.location, "\(definition.familyRevision): task cpu \(definition.cpu ?? "unset"), memory \(definition.memory ?? "unset")")
    }

    static func memoryEvidence(_ container: ContainerDefinition, field: String, value: Int, taskMemory: Int) -> Evidence {
        Evidence(container.location + "/" + field, "container \(container.name) sets \(field) \(value) MiB, above the task's \(taskMemory) MiB")
    }

    static func cpuEvidence(_ definition: TaskDefinition, containerCpu: Int, taskCpu: Int) -> Evidence {
        Evidence(definition.location + "/containerDefinitions", "the containers reserve \(containerCpu) CPU units together, above the task's \(taskCpu)")
    }

    static let ceilingStep = "Task-level cpu and memory are the ceiling for all containers together: each container's memory and memoryReservation "
        + "must fit in the task's memory, and their cpu must add up to no more than the task's cpu."

    static func fix(size: (cpu: Int, memory: Int), fargate: Bool, change: TaskDefinitionChange, definition: TaskDefinition) -> Fix {
        Fix(summary: "Raise the task size to cpu \(size.cpu), memory \(size.memory)\(fargate ? " (a Fargate size)" : ""), or lower the container values",
            steps: [ceilingStep,
                    "The commands raise the task size; to keep it, lower the container's hard limit (memory) instead and keep a soft reservation "
                    + "(memoryReservation) that fits."],
            change: change, definition: definition)
    }

    /// Without the definition the sizes are unknown: show them from the input, then choose.
    static func textFix() -> Fix {
        Fix(summary: "Raise the task-level memory/cpu, or lower the container's memory, memoryReservation or cpu",
            steps: [ceilingStep,
                    "On Fargate, pick a task size that holds the containers (see fargate-invalid-cpu-memory for the pairs).",
                    "Change the values in the JSON given to register-task-definition, then register it again."],
            commands: [TaskDefinitionChange.sizesCommand("<register-task-definition-input.json>")])
    }
}
