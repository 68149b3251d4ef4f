/// A Fargate definition needs task-level `cpu` and `memory`, and the pair
/// must be one Fargate offers (see `FargateTaskSize`); Windows allows only
/// 1, 2 and 4 vCPU.
struct FargateInvalidCpuMemoryRule: Rule {
    static let description = RuleDescription(
        id: "fargate-invalid-cpu-memory", title: "Fargate task cpu/memory missing or not a valid Fargate size",
        category: .taskDefinition, severity: .critical, explains: [.taskSizeInvalid],
        needs: [.taskDefinitions],
        examples: [
            .triggers("256 CPU with 4 GB", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(cpu: "256", memory: "4096"))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("no task cpu, and the API error", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(cpu: nil, memory: "2 GB")),
                Fixture.array("services", Fixture.service("web", events: ["ClientException: Fargate requires that 'cpu' be defined at the task level."]))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .confirmed),
            .triggers("Windows with 0.5 vCPU", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(cpu: "512", memory: "1024", extraJSON: #", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"}"#))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("the API error alone", "Error: ClientException: Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
                      resources: [""], confidence: .likely),
            .quiet("\"1 vCPU\" with \"2GB\"", Fixture.snapshot(Fixture.array("taskDefinitions", Fixture.taskDefinition(cpu: "1 vCPU", memory: "2GB")))),
            .quiet("16 vCPU with 120 GB", Fixture.snapshot(Fixture.array("taskDefinitions", Fixture.taskDefinition(cpu: "16 vCPU", memory: "120 GB")))),
            .quiet("EC2 without task size", Fixture.snapshot(Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"], cpu: nil, memory: nil)))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses where use.fargateConstraintsApply {
            guard let finding = check(use, context) else { continue }
            explained.formUnion(finding.explains)
            findings.append(finding)
        }
        for symptom in context.symptoms(of: [.taskSizeInvalid]) where !explained.contains(symptom.id) {
            findings.append(Self.description.findingFromText(
                symptom, title: "The task-level cpu/memory is missing or not a size Fargate offers",
                fix: Fix(summary: "Set task-level cpu and memory to a Fargate size, e.g. cpu 256 with memory 512, or cpu 1024 with memory 2048",
                         steps: Self.tableSteps(windows: false),
                         commands: ["aws ecs register-task-definition --cli-input-json file://taskdef.json --cpu 1024 --memory 2048"],
                         terraform: "resource \"aws_ecs_task_definition\" \"app\" {\n  cpu    = \"1024\"\n  memory = \"2048\"\n}"),
                context: context))
        }
        return findings
    }

    private func check(_ use: DefinitionUse, _ context: AnalysisContext) -> Finding? {
        let definition = use.definition
        let windows = use.isWindows
        let cpu = definition.cpu.flatMap(FargateTaskSize.cpuUnits)
        let memory = definition.memory.flatMap(FargateTaskSize.memoryMiB)
        var problems: [Evidence] = []
        switch (definition.cpu, cpu) {
        case (nil, _): problems.append(Evidence(definition.location, "\(definition.familyRevision) has no task-level cpu, which Fargate requires"))
        case (let text?, nil): problems.append(Evidence(definition.location + "/cpu", "cpu \"\(text)\" is neither CPU units nor vCPUs"))
        default: break
        }
        switch (definition.memory, memory) {
        case (nil, _): problems.append(Evidence(definition.location, "\(definition.familyRevision) has no task-level memory, which Fargate requires"))
        case (let text?, nil): problems.append(Evidence(definition.location + "/memory", "memory \"\(text)\" is neither MiB nor GB"))
        default: break
        }
        if problems.isEmpty, let cpu, let memory, !FargateTaskSize.isValid(cpu: cpu, memory: memory, windows: windows) {
            let normalized = "cpu \(definition.cpu!) = \(cpu) units, memory \(definition.memory!) = \(memory) MiB"
            if let row = FargateTaskSize.describe(cpu: cpu, windows: windows) {
                problems.append(Evidence(definition.location + "/memory", "\(normalized): Fargate\(windows ? " (Windows)" : "") allows \(row)"))
            } else {
                let offered = FargateTaskSize.rows(windows: windows).map { String($0.cpu) }.joined(separator: ", ")
                problems.append(Evidence(definition.location + "/cpu", "\(normalized): Fargate\(windows ? " Windows" : "") offers cpu \(offered)"))
            }
        }
        guard !problems.isEmpty else { return nil }
        let symptoms = context.symptoms(of: [.taskSizeInvalid], on: use)
        let size = FargateTaskSize.suggestion(cpu: cpu, memory: memory, windows: windows)
        let current = "cpu \(definition.cpu ?? "unset"), memory \(definition.memory ?? "unset")"
        return Self.description.finding(
            title: "\(definition.familyRevision) (\(current)) is not a Fargate task size",
            explains: symptoms, resources: use.resources,
            evidence: symptoms.map(\.evidence) + problems,
            fix: Fix(summary: "Set task-level cpu \(size.cpu) and memory \(size.memory) (the smallest Fargate size that holds what is asked)",
                     steps: ["Fargate runs only fixed sizes; task-level cpu and memory are required and must form one of these pairs:"] + Self.tableSteps(windows: windows),
                     commands: [use.exportCommand, use.registerCommand("--cpu \(size.cpu) --memory \(size.memory)")] + use.updateServiceCommands,
                     terraform: "resource \"aws_ecs_task_definition\" \"\(use.label)\" {\n  cpu    = \"\(size.cpu)\"\n  memory = \"\(size.memory)\"\n}"))
    }

    static func tableSteps(windows: Bool) -> [String] {
        FargateTaskSize.rows(windows: windows).map { "cpu " + FargateTaskSize.describe($0) + ($0.cpu >= 8192 ? " (Linux platform 1.4.0 or later)" : "") }
    }
}
