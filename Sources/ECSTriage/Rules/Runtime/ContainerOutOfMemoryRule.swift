/// The container was killed for exceeding its memory limit: the agent sets
/// the container's reason to "OutOfMemoryError: Container killed due to
/// memory usage" (aws/amazon-ecs-agent@8dfceca6, agent/dockerclient/dockerapi/errors.go,
/// OutOfMemoryError). Exit 137 alone is SIGKILL: memory, or a container that
/// outlived its stopTimeout after SIGTERM, so it stays undetermined, unless the
/// service's memory reached its limit in the window (MetricEvidence): then a kill for memory is likely.
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
            .triggers("the container's reason, with its hard limit", Fixture.snapshot(
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Essential container in task exited", "containers": [{"name": "web", "exitCode": 137, "reason": "OutOfMemoryError: Container killed due to memory usage"}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "memory": 256"#))),
                resources: ["web"], confidence: .confirmed),
            .triggers("exit 137 while the service's memory was at its limit", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Essential container in task exited", "containers": [{"name": "web", "exitCode": 137}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("metrics", #"{"namespace": "AWS/ECS", "metricName": "MemoryUtilization", "dimensions": [{"Name": "ClusterName", "Value": "prod"}, {"Name": "ServiceName", "Value": "web"}], "stat": "Maximum", "period": 60, "timestamps": ["2026-11-20T09:58:00Z", "2026-11-20T09:59:00Z"], "values": [88.5, 100]}"#)),
                resources: ["web"], confidence: .likely),
            .quiet("exit 1 is not memory", "STOPPED (Essential container in task exited) exit code 1"),
        ])

    /// What the kill is measured against: the container's hard limit, else the task's memory.
    struct Limit {
        var mebibytes: Int
        var isContainerLimit: Bool
        var evidence: Evidence
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        // An exit 137 on a task that also reports OutOfMemoryError is that same kill.
        let oomTasks = Set(context.symptoms(of: [.containerOutOfMemory]).compactMap(\.resource))
        let kills = context.symptoms(of: [.containerOutOfMemory, .containerExited]).filter { symptom in
            symptom.kind == .containerOutOfMemory || (symptom.facts.exitCode == 137 && !(symptom.resource.map(oomTasks.contains) ?? false))
        }
        let groups = kills.grouped { symptom in
            let owner = context.index.workload(for: symptom.resource)?.primaryResource ?? symptom.resource ?? ""
            return [symptom.kind.rawValue, owner, symptom.facts.containerName ?? ""].joined(separator: "|")
        }
        return groups.map { group in finding(group.symptoms, context) }
    }

    private func finding(_ symptoms: [Symptom], _ context: AnalysisContext) -> Finding {
        let symptom = symptoms[0]
        let isOOM = symptom.kind == .containerOutOfMemory
        let workload = context.index.workload(for: symptom.resource)
        let container = workload?.container(named: symptom.facts.containerName)
        let definition = workload?.taskDefinition
        let limit = container.flatMap { Self.limit($0, definition: definition) }
        let name = symptom.facts.containerName ?? container?.name
        // The service's memory at its limit makes an exit 137 without OutOfMemoryError a likely kill for memory.
        let memory = MetricEvidence.memoryNearLimit(workload, context.index)
        let basis: Basis = isOOM ? (limit == nil ? .symptomText : .configuration) : (memory == nil ? .undetermined : .symptomText)
        let measured = memory != nil
        var fix = Self.textFix(isOOM: isOOM, measured: measured,
                               reference: workload?.service?.taskDefinition ?? context.index.task(symptom.resource)?.taskDefinitionArn)
        if let definition, let container, let limit {
            let use = context.index.definitionUse(definition)
            let (edits, raised) = Self.edits(container, limit: limit, use: use)
            fix = Self.fix(isOOM: isOOM, measured: measured, raised: raised, change: TaskDefinitionChange(use, edits), definition: definition)
        }
        return Self.description.finding(
            title: Self.title(name, limit: limit), basis: basis, explains: isOOM || memory != nil ? symptoms : [],
            resources: (name.map { [ResourceID.container($0)] } ?? []) + symptoms.flatMap(\.resourceList),
            evidence: symptoms.map(\.evidence) + (limit.map { [$0.evidence] } ?? []) + (memory.map { [$0] } ?? []),
            fix: fix, missingEvidence: definition == nil ? Self.definitionEvidence(fix) : [])
    }

    static func limit(_ container: ContainerDefinition, definition: TaskDefinition?) -> Limit? {
        if let memory = container.memory {
            return Limit(mebibytes: memory, isContainerLimit: true,
                         evidence: Evidence(container.location + "/memory", "container \(container.name) may use at most \(memory) MiB"))
        }
        guard let definition, let memory = definition.memory.flatMap(FargateTaskSize.memoryMiB) else { return nil }
        return Limit(mebibytes: memory, isContainerLimit: false,
                     evidence: Evidence(definition.location + "/memory", "the task has \(memory) MiB for all its containers"))
    }

    /// Twice the limit that was hit, and a task size that holds it (a Fargate size on Fargate).
    static func edits(_ container: ContainerDefinition, limit: Limit, use: DefinitionUse) -> ([TaskDefinitionChange.Edit], String) {
        let wanted = limit.mebibytes * 2
        var edits: [TaskDefinitionChange.Edit] = []
        var raised: [String] = []
        if limit.isContainerLimit {
            edits.append(.container(container.name, "memory", .number(Double(wanted))))
            raised.append("the hard limit of \(container.name) to \(wanted) MiB")
        }
        let definition = use.definition
        let taskMemory = definition.memory.flatMap(FargateTaskSize.memoryMiB)
        if let taskMemory, taskMemory < wanted {
            let cpu = definition.cpu.flatMap(FargateTaskSize.cpuUnits)
            let memory = max(taskMemory, wanted)
            let size = use.fargateConstraintsApply ? FargateTaskSize.suggestion(cpu: cpu, memory: memory, windows: use.isWindows)
                                                   : (cpu: cpu ?? 0, memory: memory)
            if size.memory > taskMemory {
                edits.append(.task("memory", .string(String(size.memory))))
                raised.append("the task's memory to \(size.memory) MiB")
                if let cpu, size.cpu > cpu {
                    edits.append(.task("cpu", .string(String(size.cpu))))
                    raised.append("its cpu to \(size.cpu) (the Fargate size that holds it)")
                }
            }
        }
        return (edits, raised.joined(separator: " and "))
    }
}

// MARK: Messages and fixes

extension ContainerOutOfMemoryRule {
    static func title(_ name: String?, limit: Limit?) -> String {
        let limitText = limit.map { " limit of \($0.mebibytes) MiB (\($0.isContainerLimit ? "container hard limit" : "task memory"))" } ?? ""
        return "\(name.map { "Container \($0)" } ?? "A container") was killed for using more than its memory\(limitText)"
    }

    /// `measured`: the metrics are already quoted, so the first step (look at them) is left out.
    static func steps(isOOM: Bool, measured: Bool) -> [String] {
        (measured ? [] : ["Look at MemoryUtilized in Container Insights (or the service's MemoryUtilization) before the kill."]) +
        ["Raise the task's memory (Fargate: a valid cpu/memory pair) and the container's memory / memoryReservation.",
         "For JVM, Node.js and similar runtimes, cap the heap below the container limit (-XX:MaxRAMPercentage, --max-old-space-size).",
         isOOM ? "A memory leak shows as steadily growing usage: profile it."
               : "Exit 137 without OutOfMemoryError can also be a container that ignored SIGTERM past stopTimeout: then raising memory does not help."]
    }

    static func fix(isOOM: Bool, measured: Bool, raised: String, change: TaskDefinitionChange, definition: TaskDefinition) -> Fix {
        Fix(summary: "Raise the memory, or reduce what the process uses",
            steps: steps(isOOM: isOOM, measured: measured) + (raised.isEmpty ? [] : ["The commands double the limit that was hit: \(raised); size it from the metrics."]),
            change: change, definition: definition)
    }

    /// Without the definition the limits are unknown: print them first.
    static func textFix(isOOM: Bool, measured: Bool, reference: String?) -> Fix {
        let revision = reference.map { ShellWord.quoted(ARN.lastComponent($0)) } ?? "<family:revision>"
        return Fix(summary: "Raise the memory (task memory and the container's hard limit), or reduce what the process uses",
                   steps: steps(isOOM: isOOM, measured: measured),
                   commands: ["aws ecs describe-task-definition --task-definition \(revision) --query 'taskDefinition.{cpu:cpu,memory:memory,"
                              + "containers:containerDefinitions[].{name:name,memory:memory,reservation:memoryReservation}}'"])
    }

    static func definitionEvidence(_ fix: Fix) -> [MissingEvidence] {
        guard fix.commands.contains(where: { $0.contains("<family:revision>") }) else { return [] }
        return [MissingEvidence(why: "the task definition revision the killed task ran",
                                command: "aws ecs list-task-definitions --status ACTIVE --sort DESC --max-items 10")]
    }
}
