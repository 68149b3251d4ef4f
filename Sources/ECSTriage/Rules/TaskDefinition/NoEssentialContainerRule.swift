/// Every task needs at least one essential container: ECS stops the task
/// when an essential container exits. `essential` defaults to true, so this
/// is a definition where every container says `"essential": false`
/// (ContainerDefinition.essential in botocore's ECS model,
/// data/ecs/2014-11-13/service-2.json).
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
            let main = Self.mainContainer(use)
            findings.append(Self.description.finding(
                title: "No container of \(use.definition.familyRevision) is essential",
                explains: symptoms, resources: use.resources,
                evidence: symptoms.map(\.evidence) + containers.map(Self.containerEvidence),
                fix: Self.fix(main, change: TaskDefinitionChange(use, [.container(main, "essential", .bool(true))]), definition: use.definition)))
        }
        for symptom in context.symptoms(of: [.noEssentialContainer]) where !explained.contains(symptom.id) {
            let change = TaskDefinitionChange.registrationInput([.container("<main-container>", "essential", .bool(true))])
            findings.append(Self.description.findingFromText(
                symptom, title: "The task definition has no essential container", fix: Self.fix("<main-container>", change: change, definition: nil)))
        }
        return findings
    }

    /// The container the load balancer routes to, else the first one.
    static func mainContainer(_ use: DefinitionUse) -> String {
        let routed = use.workloads.compactMap { $0.service?.loadBalancers.first?.containerName }.first
        return routed ?? use.definition.containerDefinitions[0].name
    }
}

// MARK: Messages and fixes

extension NoEssentialContainerRule {
    static func containerEvidence(_ container: ContainerDefinition) -> Evidence {
        Evidence(container.location + "/essential", "container \(container.name): essential false")
    }

    static func fix(_ container: String, change: TaskDefinitionChange, definition: TaskDefinition?) -> Fix {
        Fix(summary: "Mark \(container) essential (\"essential\": true, or leave it out: true is the default)",
            steps: ["ECS stops the whole task when an essential container exits; the application container is normally the essential one, "
                    + "sidecars and init containers are not.",
                    "The commands set \"essential\": true on \(container), register the result and roll the services onto it."],
            change: change, definition: definition)
    }
}
