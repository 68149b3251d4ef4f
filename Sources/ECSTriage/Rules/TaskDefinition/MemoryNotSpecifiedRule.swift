/// On EC2 (and external instances) ECS must know how much memory to
/// reserve on the instance: either a task-level `memory`, or a `memory` or
/// `memoryReservation` on every container.
struct MemoryNotSpecifiedRule: Rule {
    static let description = RuleDescription(
        id: "memory-not-specified", title: "EC2 task definition without any memory setting for a container",
        category: .taskDefinition, severity: .critical, explains: [.containerMemoryMissing],
        needs: [.taskDefinitions],
        examples: [
            .triggers("EC2, no task memory, container without memory", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"], cpu: nil, memory: nil))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("the API error alone", "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Invalid setting for container 'my-container'. At least one of 'memory' or 'memoryReservation' must be specified.",
                      resources: [""], confidence: .likely),
            .quiet("EC2 with a memoryReservation", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", extraContainerJSON: #", "memoryReservation": 256"#, requiresCompatibilities: ["EC2"], cpu: nil, memory: nil)))),
            .quiet("EC2 with task-level memory", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"], cpu: nil, memory: "1 GB")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses where !use.fargateConstraintsApply && (use.definition.memory ?? "").isEmpty {
            let definition = use.definition
            let bare = definition.containerDefinitions.filter { $0.memory == nil && $0.memoryReservation == nil }
            guard !bare.isEmpty else { continue }
            let names = bare.map(\.name)
            let symptoms = context.symptoms(of: [.containerMemoryMissing], on: use).filter { $0.facts.containerName.map(names.contains) ?? true }
            explained.formUnion(symptoms.map(\.id))
            var evidence = symptoms.map(\.evidence)
            evidence.append(Evidence(definition.location, "\(definition.familyRevision) has no task-level memory and runs on EC2 (requiresCompatibilities \(definition.requiresCompatibilities.isEmpty ? "unset" : definition.requiresCompatibilities.joined(separator: ", ")))"))
            for container in bare {
                evidence.append(Evidence(container.location, "container \(container.name) sets neither memory nor memoryReservation"))
            }
            findings.append(Self.description.finding(
                title: "Container\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) of \(definition.familyRevision) \(names.count == 1 ? "has" : "have") no memory setting",
                explains: symptoms, resources: use.resources,
                evidence: evidence, fix: fix(use, container: names[0])))
        }
        for symptom in context.symptoms(of: [.containerMemoryMissing]) where !explained.contains(symptom.id) {
            findings.append(Self.description.findingFromText(
                symptom, title: "Container \(symptom.facts.containerName ?? "<container>") has neither memory nor memoryReservation",
                fix: fix(nil, container: symptom.facts.containerName ?? "<container>"), context: context))
        }
        return findings
    }

    private func fix(_ use: DefinitionUse?, container: String) -> Fix {
        Fix(summary: "Give \(container) a memoryReservation (soft limit), a memory (hard limit), or set task-level memory",
            steps: ["Set memoryReservation to the container's usual memory use, e.g. 512 MiB: ECS reserves it on the instance and the container may use more while the instance has it.",
                    "Set memory as well for a hard limit (the container is killed above it), or set task-level memory instead.",
                    "Edit the exported \(use?.definition.family ?? "taskdef").json: in container \(container) add \"memoryReservation\": 512, then register it."],
            commands: (use.map { [$0.exportCommand] } ?? [])
                + [use?.registerCommand("") ?? "aws ecs register-task-definition --cli-input-json file://taskdef.json"]
                + (use?.updateServiceCommands ?? []),
            terraform: "resource \"aws_ecs_task_definition\" \"\(use?.label ?? "app")\" {\n  container_definitions = jsonencode([{\n    name              = \"\(container)\"\n    memoryReservation = 512\n    # ...\n  }])\n}")
    }
}
