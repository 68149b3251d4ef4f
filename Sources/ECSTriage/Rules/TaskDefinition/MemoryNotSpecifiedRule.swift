/// On EC2 (and external instances) ECS must know how much memory to
/// reserve on the instance: either a task-level `memory`, or a `memory` or
/// `memoryReservation` on every container (ContainerDefinition.memoryReservation
/// in botocore's ECS model, data/ecs/2014-11-13/service-2.json).
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
                      resources: ["my-container"], confidence: .likely),
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
            findings.append(Self.description.finding(
                title: Self.title(names, definition: definition.familyRevision), explains: symptoms, resources: use.resources,
                evidence: symptoms.map(\.evidence) + [Self.definitionEvidence(definition)] + bare.map(Self.containerEvidence),
                fix: Self.fix(names, change: TaskDefinitionChange(use, Self.edits(names)), definition: definition)))
        }
        for symptom in context.symptoms(of: [.containerMemoryMissing]) where !explained.contains(symptom.id) {
            let name = symptom.facts.containerName ?? "<container>"
            findings.append(Self.description.findingFromText(
                symptom, title: "Container \(name) has neither memory nor memoryReservation",
                fix: Self.fix([name], change: .registrationInput(Self.edits([name])), definition: nil)))
        }
        return findings
    }

    /// A starting soft limit: what ECS reserves on the instance; the container may use more while the instance has it.
    static let startingReservation = 512

    static func edits(_ containers: [String]) -> [TaskDefinitionChange.Edit] {
        containers.map { .container($0, "memoryReservation", .number(Double(startingReservation))) }
    }
}

// MARK: Messages and fixes

extension MemoryNotSpecifiedRule {
    static func title(_ names: [String], definition: String) -> String {
        "Container\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) of \(definition) \(names.count == 1 ? "has" : "have") no memory setting"
    }

    static func definitionEvidence(_ definition: TaskDefinition) -> Evidence {
        let compatibilities = definition.requiresCompatibilities.isEmpty ? "unset" : definition.requiresCompatibilities.joined(separator: ", ")
        return Evidence(definition.location,
                        "\(definition.familyRevision) has no task-level memory and runs on EC2 (requiresCompatibilities \(compatibilities))")
    }

    static func containerEvidence(_ container: ContainerDefinition) -> Evidence {
        Evidence(container.location, "container \(container.name) sets neither memory nor memoryReservation")
    }

    static func fix(_ names: [String], change: TaskDefinitionChange, definition: TaskDefinition?) -> Fix {
        Fix(summary: "Give \(names.joined(separator: ", ")) a memoryReservation (soft limit), a memory (hard limit), or set task-level memory",
            steps: ["The commands set memoryReservation \(startingReservation) MiB, a starting value: set it to the container's usual memory use. "
                    + "ECS reserves it on the instance and the container may use more while the instance has it.",
                    "Set memory as well for a hard limit (the container is killed above it), or set task-level memory instead."],
            change: change, definition: definition)
    }
}
