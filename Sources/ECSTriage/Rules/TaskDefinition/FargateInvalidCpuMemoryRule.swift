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
                symptom, title: "The task-level cpu/memory is missing or not a size Fargate offers", fix: Self.textFix()))
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
        case (nil, _): problems.append(Self.unsetEvidence(definition, member: "cpu"))
        case (let text?, nil): problems.append(Evidence(definition.location + "/cpu", "cpu \"\(text)\" is neither CPU units nor vCPUs"))
        default: break
        }
        switch (definition.memory, memory) {
        case (nil, _): problems.append(Self.unsetEvidence(definition, member: "memory"))
        case (let text?, nil): problems.append(Evidence(definition.location + "/memory", "memory \"\(text)\" is neither MiB nor GB"))
        default: break
        }
        if problems.isEmpty, let cpu, let memory, !FargateTaskSize.isValid(cpu: cpu, memory: memory, windows: windows) {
            problems.append(Self.pairEvidence(definition, cpu: cpu, memory: memory, windows: windows))
        }
        guard !problems.isEmpty else { return nil }
        let symptoms = context.symptoms(of: [.taskSizeInvalid], on: use)
        let size = FargateTaskSize.suggestion(cpu: cpu, memory: memory, windows: windows)
        let change = TaskDefinitionChange(use, [.task("cpu", .string(String(size.cpu))), .task("memory", .string(String(size.memory)))])
        return Self.description.finding(
            title: Self.title(definition), explains: symptoms, resources: use.resources,
            evidence: symptoms.map(\.evidence) + problems,
            fix: Fix(summary: "Set task-level cpu \(size.cpu) and memory \(size.memory) (the smallest Fargate size that holds what is asked)",
                     steps: ["Fargate runs only fixed sizes; task-level cpu and memory are required and must form one of these pairs:"]
                         + Self.tableSteps(windows: windows),
                     change: change, definition: definition))
    }
}

// MARK: Messages and fixes

extension FargateInvalidCpuMemoryRule {
    static func title(_ definition: TaskDefinition) -> String {
        "\(definition.familyRevision) (cpu \(definition.cpu ?? "unset"), memory \(definition.memory ?? "unset")) is not a Fargate task size"
    }

    static func unsetEvidence(_ definition: TaskDefinition, member: String) -> Evidence {
        Evidence(definition.location, "\(definition.familyRevision) has no task-level \(member), which Fargate requires")
    }

    static func pairEvidence(_ definition: TaskDefinition, cpu: Int, memory: Int, windows: Bool) -> Evidence {
        let normalized = "cpu \(definition.cpu ?? "") = \(cpu) units, memory \(definition.memory ?? "") = \(memory) MiB"
        if let row = FargateTaskSize.describe(cpu: cpu, windows: windows) {
            return Evidence(definition.location + "/memory", "\(normalized): Fargate\(windows ? " (Windows)" : "") allows \(row)")
        }
        let offered = FargateTaskSize.rows(windows: windows).map { String($0.cpu) }.joined(separator: ", ")
        return Evidence(definition.location + "/cpu", "\(normalized): Fargate\(windows ? " Windows" : "") offers cpu \(offered)")
    }

    static func tableSteps(windows: Bool) -> [String] {
        FargateTaskSize.rows(windows: windows).map { "cpu " + FargateTaskSize.describe($0) + ($0.cpu >= 8192 ? " (Linux platform 1.4.0 or later)" : "") }
    }

    /// Without the definition the size asked for is unknown: show it from the input, then pick a pair.
    static func textFix() -> Fix {
        Fix(summary: "Set task-level cpu and memory to a Fargate size, e.g. cpu 256 with memory 512, or cpu 1024 with memory 2048",
            steps: ["Fargate runs only fixed sizes; task-level cpu and memory are required and must form one of these pairs:"]
                + tableSteps(windows: false)
                + ["Change cpu and memory in the JSON given to register-task-definition, then register it again."],
            commands: [TaskDefinitionChange.sizesCommand("<register-task-definition-input.json>")])
    }
}
