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
            let supported = (definition.compatibilities.isEmpty ? definition.requiresCompatibilities : definition.compatibilities).map { $0.uppercased() }
            guard !supported.isEmpty else { continue }
            let field = definition.compatibilities.isEmpty ? "requiresCompatibilities" : "compatibilities"
            let mismatched = use.workloads.compactMap { workload -> (Workload, String)? in
                guard let wanted = launchType(of: workload), !supported.contains(wanted) else { return nil }
                return (workload, wanted)
            }
            guard let wanted = mismatched.first?.1 else { continue }
            let symptoms = context.symptoms(of: [.launchTypeIncompatible], on: use).filter { $0.facts.launchType == nil || $0.facts.launchType == wanted }
            explained.formUnion(symptoms.map(\.id))
            var evidence = symptoms.map(\.evidence)
            evidence.append(Evidence(definition.location + "/" + field, "\(definition.familyRevision) \(field): \(supported.joined(separator: ", "))"))
            for (workload, launch) in mismatched {
                evidence.append(Evidence(workload.service?.location ?? workload.tasks.first?.location ?? "", "\(workload.name) asks for \(launch)"))
            }
            findings.append(Self.description.finding(
                title: "\(definition.familyRevision) does not support the \(wanted) launch type its \(mismatched[0].0.service == nil ? "task" : "service") uses",
                explains: symptoms,
                resources: [.arn(definition.taskDefinitionArn)] + mismatched.map { $0.0.resource },
                evidence: evidence, fix: fix(use, wanted: wanted)))
        }
        for symptom in context.symptoms(of: [.launchTypeIncompatible]) where !explained.contains(symptom.id) {
            findings.append(Self.description.findingFromText(
                symptom, title: "The task definition does not support launch type \(symptom.facts.launchType ?? "<launch-type>")",
                fix: fix(nil, wanted: symptom.facts.launchType ?? "FARGATE"), context: context))
        }
        return findings
    }

    /// The launch type a workload runs with: Fargate (also through capacity
    /// providers), else the service's or task's own.
    private func launchType(of workload: Workload) -> String? {
        if workload.isFargate { return "FARGATE" }
        if let type = workload.service?.launchType ?? workload.tasks.first?.launchType { return type.uppercased() }
        return workload.service?.capacityProviders.isEmpty == false ? "EC2" : nil
    }

    private func fix(_ use: DefinitionUse?, wanted: String) -> Fix {
        var steps = ["ECS accepts a launch type only when the definition lists it in requiresCompatibilities (the registered compatibilities follow from it)."]
        var options = "--requires-compatibilities \(wanted)"
        if wanted == "FARGATE" {
            steps.append("A Fargate definition also needs networkMode awsvpc and a valid task-level cpu/memory pair (e.g. 256/512); register with those.")
            if let definition = use?.definition {
                if definition.effectiveNetworkMode != "awsvpc" { options += " --network-mode awsvpc" }
                let cpu = definition.cpu.flatMap(FargateTaskSize.cpuUnits), memory = definition.memory.flatMap(FargateTaskSize.memoryMiB)
                if cpu == nil || memory == nil || !FargateTaskSize.isValid(cpu: cpu!, memory: memory!, windows: use!.isWindows) {
                    let size = FargateTaskSize.suggestion(cpu: cpu, memory: memory, windows: use!.isWindows)
                    options += " --cpu \(size.cpu) --memory \(size.memory)"
                }
            }
        }
        steps.append("Or run the service with a launch type the definition already supports.")
        return Fix(summary: "Register the definition with requiresCompatibilities \(wanted), or use a launch type it supports",
                   steps: steps,
                   commands: (use.map { [$0.exportCommand, $0.registerCommand(options)] + $0.updateServiceCommands }
                       ?? ["aws ecs register-task-definition --cli-input-json file://taskdef.json \(options)"]),
                   terraform: "resource \"aws_ecs_task_definition\" \"\(use?.label ?? "app")\" {\n  requires_compatibilities = [\"\(wanted)\"]\(wanted == "FARGATE" ? "\n  network_mode             = \"awsvpc\"\n  cpu                      = \"256\"\n  memory                   = \"512\"" : "")\n}")
    }
}
