/// Every task needs at least one essential container: ECS stops the task
/// when an essential container exits. `essential` defaults to true, so this
/// is a definition where every container says `"essential": false`.
struct NoEssentialContainerRule: Rule {
    static let description = RuleDescription(
        id: "no-essential-container", title: "No container of the task definition is essential",
        category: .taskDefinition, severity: .critical, explains: [.noEssentialContainer],
        needs: [.taskDefinitions],
        examples: [
            .triggers("the only container is not essential", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(essential: false))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("the API error alone", "ClientException: Task definition doesn't have any essential container.",
                      resources: [""], confidence: .likely),
            .quiet("essential left unset (true)", Fixture.snapshot(
                Fixture.array("taskDefinitions", #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "family": "web", "revision": 1, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "web", "image": "nginx"}, {"name": "log-router", "image": "fluent-bit", "essential": false}]}"#))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses {
            let containers = use.definition.containerDefinitions
            guard !containers.isEmpty, !containers.contains(where: \.essential) else { continue }
            let symptoms = context.symptoms(of: [.noEssentialContainer], on: use)
            explained.formUnion(symptoms.map(\.id))
            let main = mainContainer(use)
            findings.append(Self.description.finding(
                title: "No container of \(use.definition.familyRevision) is essential",
                explains: symptoms, resources: use.resources,
                evidence: symptoms.map(\.evidence) + containers.map { Evidence($0.location + "/essential", "container \($0.name): essential false") },
                fix: fix(use, container: main)))
        }
        for symptom in context.symptoms(of: [.noEssentialContainer]) where !explained.contains(symptom.id) {
            findings.append(Self.description.findingFromText(symptom, title: "The task definition has no essential container",
                                                             fix: fix(nil, container: "<main-container>"), context: context))
        }
        return findings
    }

    /// The container the load balancer routes to, else the first one.
    private func mainContainer(_ use: DefinitionUse) -> String {
        let routed = use.workloads.compactMap { $0.service?.loadBalancers.first?.containerName }.first
        return routed ?? use.definition.containerDefinitions[0].name
    }

    private func fix(_ use: DefinitionUse?, container: String) -> Fix {
        Fix(summary: "Mark \(container) essential (\"essential\": true, or leave it out: true is the default)",
            steps: ["ECS stops the whole task when an essential container exits; the application container is normally the essential one, sidecars and init containers are not.",
                    "Edit the exported \(use?.definition.family ?? "taskdef").json: set \"essential\": true on \(container), then register it."],
            commands: (use.map { [$0.exportCommand] } ?? [])
                + [use?.registerCommand("") ?? "aws ecs register-task-definition --cli-input-json file://taskdef.json"]
                + (use?.updateServiceCommands ?? []),
            terraform: "resource \"aws_ecs_task_definition\" \"\(use?.label ?? "app")\" {\n  container_definitions = jsonencode([{\n    name      = \"\(container)\"\n    essential = true\n    # ...\n  }])\n}")
    }
}
