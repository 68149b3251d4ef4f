/// Fargate runs every task with its own network interface: the definition
/// must say `networkMode: awsvpc` (unset means `bridge`).
struct FargateRequiresAwsvpcRule: Rule {
    static let description = RuleDescription(
        id: "fargate-requires-awsvpc", title: "Fargate task definition without the awsvpc network mode",
        category: .taskDefinition, severity: .critical, explains: [.fargateNetworkModeInvalid],
        needs: [.taskDefinitions],
        examples: [
            .triggers("FARGATE with bridge", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge"))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("FARGATE without a network mode, and the API error", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: nil)),
                Fixture.array("services", Fixture.service("web", events: ["ClientException: Fargate only supports network mode 'awsvpc'."]))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .confirmed),
            .triggers("the API error alone", "ClientException: Fargate only supports network mode 'awsvpc'.",
                      resources: [""], confidence: .likely),
            .quiet("FARGATE with awsvpc", Fixture.snapshot(Fixture.array("taskDefinitions", Fixture.taskDefinition()))),
            .quiet("EC2 with bridge", Fixture.snapshot(Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"])))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses where use.fargateConstraintsApply && use.definition.effectiveNetworkMode != "awsvpc" {
            let definition = use.definition
            let symptoms = context.symptoms(of: [.fargateNetworkModeInvalid], on: use)
            explained.formUnion(symptoms.map(\.id))
            let mode = definition.networkMode.map { "networkMode is \($0)" } ?? "networkMode is not set, so it is bridge"
            var evidence = symptoms.map(\.evidence)
            evidence.append(Evidence(definition.location + (definition.networkMode == nil ? "" : "/networkMode"), "\(definition.familyRevision): \(mode)"))
            evidence.append(fargateEvidence(use))
            findings.append(Self.description.finding(
                title: "\(definition.familyRevision) is for Fargate but its network mode is \(definition.effectiveNetworkMode)",
                explains: symptoms, resources: use.resources,
                evidence: evidence, fix: fix(use)))
        }
        for symptom in context.symptoms(of: [.fargateNetworkModeInvalid]) where !explained.contains(symptom.id) {
            findings.append(Self.description.findingFromText(symptom, title: "The task definition is for Fargate but does not use the awsvpc network mode",
                                                             fix: fix(nil), context: context))
        }
        return findings
    }

    private func fargateEvidence(_ use: DefinitionUse) -> Evidence {
        if use.definition.requiresCompatibilities.contains(where: { $0.uppercased() == "FARGATE" }) {
            return Evidence(use.definition.location + "/requiresCompatibilities", "requiresCompatibilities includes FARGATE")
        }
        let workload = use.workloads.first(where: \.isFargate)!
        return Evidence(workload.service?.location ?? workload.tasks.first?.location ?? "", "\(workload.name) runs it on Fargate")
    }

    private func fix(_ use: DefinitionUse?) -> Fix {
        Fix(summary: "Register the definition with networkMode awsvpc",
            steps: ["Fargate supports only the awsvpc network mode: each task gets its own network interface, private IP and security groups.",
                    "With awsvpc, hostPort must be omitted or equal containerPort, services and run-task need a networkConfiguration (subnets, security groups), and target groups must be of type ip."],
            commands: use.map { [$0.exportCommand, $0.registerCommand("--network-mode awsvpc")] + $0.updateServiceCommands }
                ?? ["aws ecs register-task-definition --cli-input-json file://taskdef.json --network-mode awsvpc"],
            terraform: "resource \"aws_ecs_task_definition\" \"\(use?.label ?? "app")\" {\n  network_mode             = \"awsvpc\"\n  requires_compatibilities = [\"FARGATE\"]\n}")
    }
}
