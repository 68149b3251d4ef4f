/// The container was killed for exceeding its memory limit.
struct ContainerOutOfMemoryRule: Rule {
    static let description = RuleDescription(
        id: "container-out-of-memory", title: "Container killed for exceeding its memory", category: .runtime,
        severity: .high, explains: [.containerOutOfMemory, .containerExited], needs: [.taskDefinitions],
        examples: [
            .triggers("OutOfMemoryError", "OutOfMemoryError: Container killed due to memory usage", resources: [""], confidence: .likely),
            .triggers("exit 137 with a memory limit", Fixture.snapshot(
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Essential container in task exited", "containers": [{"name": "web", "exitCode": 137}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: ["web"], confidence: .possible),
            .quiet("exit 1 is not memory", "STOPPED (Essential container in task exited) exit code 1"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        // An exit 137 on a task that also reports OutOfMemoryError is that same kill.
        let oomTasks = Set(context.symptoms(of: [.containerOutOfMemory]).compactMap(\.resource))
        for symptom in context.symptoms(of: [.containerOutOfMemory, .containerExited]) {
            let isOOM = symptom.kind == .containerOutOfMemory
            guard isOOM || (symptom.facts.exitCode == 137 && !(symptom.resource.map(oomTasks.contains) ?? false)) else { continue }
            let workload = context.index.workload(for: symptom.resource)
            let container = workload?.container(named: symptom.facts.containerName)
            let definition = workload?.taskDefinition
            var evidence = [symptom.evidence]
            var limit: String?
            if let container, let memory = container.memory {
                limit = "\(memory) MiB (container hard limit)"
                evidence.append(Evidence(container.location + "/memory", "container \(container.name) may use at most \(memory) MiB"))
            } else if let memory = definition?.memory {
                limit = "\(memory) MiB (task memory)"
                evidence.append(Evidence((definition?.location ?? "") + "/memory", "the task has \(memory) MiB for all its containers"))
            }
            // Exit 137 alone is SIGKILL: memory, or a stop timeout. Say so.
            let basis: Basis = isOOM ? (limit == nil ? .symptomText : .configuration) : .undetermined
            let name = symptom.facts.containerName ?? container?.name
            findings.append(Self.description.finding(
                title: "Container \(name ?? "") was killed for using more than its memory\(limit.map { " limit of \($0)" } ?? "")",
                basis: basis, explains: isOOM ? [symptom] : [], resources: (name.map { [.container($0)] } ?? []) + symptom.resourceList,
                evidence: evidence,
                fix: Fix(summary: "Raise the memory (task memory and the container's hard limit), or reduce what the process uses",
                         steps: ["Look at MemoryUtilized in Container Insights (or the service's MemoryUtilization) before the kill.",
                                 "Raise the task's memory (Fargate: a valid cpu/memory pair) and the container's memory / memoryReservation.",
                                 "For JVM, Node.js and similar runtimes, cap the heap below the container limit (-XX:MaxRAMPercentage, --max-old-space-size).",
                                 isOOM ? "A memory leak shows as steadily growing usage: profile it." : "Exit 137 without OutOfMemoryError can also be a container that ignored SIGTERM past stopTimeout."],
                         commands: ["aws ecs register-task-definition --cli-input-json file://taskdef.json  # with a higher \"memory\""],
                         terraform: "resource \"aws_ecs_task_definition\" \"app\" {\n  memory = \"2048\" # and the container's \"memory\" in container_definitions\n}")))
        }
        return findings
    }
}
