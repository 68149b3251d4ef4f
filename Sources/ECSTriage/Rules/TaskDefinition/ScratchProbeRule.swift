/// Throwaway: proves that a rule is one file, one playbook and one registry line.
struct ScratchProbeRule: Rule {
    static let description = RuleDescription(
        id: "scratch-probe", title: "Task definition family is named scratch-probe",
        category: .taskDefinition, severity: .low, needs: [.taskDefinitions],
        examples: [
            .triggers("the family", #"{"taskDefinitions": [{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/scratch-probe:1", "family": "scratch-probe", "revision": 1, "containerDefinitions": [{"name": "web", "image": "nginx"}]}]}"#,
                      resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/scratch-probe:1"], confidence: .likely),
            .quiet("another family", #"{"taskDefinitions": [{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "family": "web", "revision": 1, "containerDefinitions": [{"name": "web", "image": "nginx"}]}]}"#),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.index.definitionUses.filter { $0.definition.family == "scratch-probe" }.map { use in
            Self.description.finding(title: "Family scratch-probe is the probe", confidence: .likely, resources: use.resources,
                                     evidence: [Evidence(use.definition.location, "family scratch-probe")], fix: Fix(summary: "Rename it"))
        }
    }
}
