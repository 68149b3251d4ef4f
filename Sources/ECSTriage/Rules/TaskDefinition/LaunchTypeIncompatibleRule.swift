/// A service or task asks for a launch type the definition was not
/// registered for: ECS checks it against the definition's `compatibilities`
/// (derived from `requiresCompatibilities` at registration).
struct LaunchTypeIncompatibleRule: Rule {
    static let description = RuleDescription(
        id: "launch-type-incompatible", title: "Launch type not supported by the task definition",
        category: .taskDefinition, severity: .critical, explains: [.launchTypeIncompatible],
        needs: [.services, .taskDefinitions],
        examples: [
            .triggers("Fargate service, EC2-only definition", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(requiresCompatibilities: ["EC2"], extraJSON: #", "compatibilities": ["EC2"]"#))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("the API error alone", "InvalidParameterException: Task definition does not support launch_type FARGATE.",
                      resources: [""], confidence: .likely),
            .quiet("Fargate service, definition compatible with EC2 and FARGATE", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraJSON: #", "compatibilities": ["EC2", "FARGATE"]"#)))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses {
            let definition = use.definition
            let field = definition.compatibilities.isEmpty ? "requiresCompatibilities" : "compatibilities"
            let supported = (definition.compatibilities.isEmpty ? definition.requiresCompatibilities : definition.compatibilities).map { $0.uppercased() }
            guard !supported.isEmpty else { continue }
            let mismatched = use.workloads.compactMap { workload -> (workload: Workload, launchType: String)? in
                guard let wanted = Self.launchType(of: workload), !supported.contains(wanted) else { return nil }
                return (workload, wanted)
            }
            guard let wanted = mismatched.first?.launchType else { continue }
            let symptoms = context.symptoms(of: [.launchTypeIncompatible], on: use).filter { $0.facts.launchType == nil || $0.facts.launchType == wanted }
            explained.formUnion(symptoms.map(\.id))
            let evidence = [Evidence(definition.location + "/" + field, "\(definition.familyRevision) \(field): \(supported.joined(separator: ", "))")]
                + mismatched.map { Self.askEvidence($0.workload, launchType: $0.launchType) }
            findings.append(Self.description.finding(
                title: Self.title(definition, launchType: wanted, byService: mismatched[0].workload.service != nil),
                explains: symptoms, resources: [.arn(definition.taskDefinitionArn)] + mismatched.map(\.workload.resource),
                evidence: symptoms.map(\.evidence) + evidence,
                fix: Self.fix(wanted: wanted, change: TaskDefinitionChange(use, Self.edits(use, wanted: wanted)), definition: definition)))
        }
        for symptom in context.symptoms(of: [.launchTypeIncompatible]) where !explained.contains(symptom.id) {
            let wanted = symptom.facts.launchType ?? "FARGATE"
            let workload = context.index.workload(for: symptom.resource)
            let change = TaskDefinitionChange(reference: workload?.service?.taskDefinition ?? workload?.tasks.first?.taskDefinitionArn,
                                              workload: workload, Self.edits(nil, wanted: wanted))
            findings.append(Self.description.findingFromText(
                symptom, title: "The task definition does not support launch type \(wanted)",
                fix: Self.fix(wanted: wanted, change: change, definition: nil), missingEvidence: change.missingEvidence))
        }
        return findings
    }

    /// The launch type a workload runs with: Fargate (also through capacity
    /// providers), else the service's or task's own.
    static func launchType(of workload: Workload) -> String? {
        if workload.isFargate { return "FARGATE" }
        if let type = workload.service?.launchType ?? workload.tasks.first?.launchType { return type.uppercased() }
        return workload.service?.capacityProviders.isEmpty == false ? "EC2" : nil
    }

    /// The launch type added to requiresCompatibilities; for Fargate also the
    /// awsvpc network mode and a Fargate size where the definition lacks them
    /// (without the definition: awsvpc, which Fargate always needs).
    static func edits(_ use: DefinitionUse?, wanted: String) -> [TaskDefinitionChange.Edit] {
        var edits: [TaskDefinitionChange.Edit] = [.addToTaskList("requiresCompatibilities", wanted)]
        guard wanted == "FARGATE" else { return edits }
        guard let use else { return edits + FargateRequiresAwsvpcRule.edits }
        let definition = use.definition
        if definition.effectiveNetworkMode != "awsvpc" { edits += FargateRequiresAwsvpcRule.edits }
        let cpu = definition.cpu.flatMap(FargateTaskSize.cpuUnits), memory = definition.memory.flatMap(FargateTaskSize.memoryMiB)
        if let cpu, let memory, FargateTaskSize.isValid(cpu: cpu, memory: memory, windows: use.isWindows) { return edits }
        let size = FargateTaskSize.suggestion(cpu: cpu, memory: memory, windows: use.isWindows)
        return edits + [.task("cpu", .string(String(size.cpu))), .task("memory", .string(String(size.memory)))]
    }
}

// MARK: Messages and fixes

extension LaunchTypeIncompatibleRule {
    static func title(_ definition: TaskDefinition, launchType: String, byService: Bool) -> String {
        "\(definition.familyRevision) does not support the \(launchType) launch type its \(byService ? "service" : "task") uses"
    }

    static func askEvidence(_ workload: Workload, launchType: String) -> Evidence {
        Evidence(workload.service?.location ?? workload.tasks.first?.location ?? "", "\(workload.name) asks for \(launchType)")
    }

    static func fix(wanted: String, change: TaskDefinitionChange, definition: TaskDefinition?) -> Fix {
        var steps = ["ECS accepts a launch type only when the definition lists it in requiresCompatibilities "
                     + "(the registered compatibilities follow from it)."]
        if wanted == "FARGATE" {
            steps.append("A Fargate definition also needs networkMode awsvpc and a valid task-level cpu/memory pair (e.g. 256/512); "
                         + "the commands set what the definition lacks.")
        }
        steps.append("Or run the service with a launch type the definition already supports.")
        return Fix(summary: "Register the definition with requiresCompatibilities \(wanted), or use a launch type it supports",
                   steps: steps, change: change, definition: definition)
    }
}
