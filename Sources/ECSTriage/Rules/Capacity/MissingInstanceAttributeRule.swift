/// Placement needs an attribute (capability, platform, constraint) no instance has.
struct MissingInstanceAttributeRule: Rule {
    static let description = RuleDescription(
        id: "missing-instance-attribute", title: "No instance has an attribute the task requires", category: .capacity,
        severity: .critical, explains: [.missingAttribute],
        examples: [
            .triggers("missing attribute", "service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id is missing an attribute required by your task.",
                      resources: [""], confidence: .likely),
            .quiet("port conflict is another rule's", "The closest matching container-instance is already using a port required by your task."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            NamedCauseDetail(
                title: "No container instance has an attribute the task requires",
                resources: symptom.resourceList,
                fix: Fix(summary: "Find the attribute the task needs and give it to the instances (newer agent or AMI, or the custom attribute), or relax the constraint",
                         steps: ["List what the task requires and what each instance offers; the difference is the missing attribute.",
                                 "ecs.capability.* attributes (secrets, awsvpc, efs, task ENI...) come from the agent: update the ECS-optimized AMI or the agent.",
                                 "Custom attributes in placementConstraints (memberOf expressions) must be put on instances with put-attributes.",
                                 "requiresCompatibilities, cpuArchitecture (ARM64) and GPU requirements need matching instance types."],
                         commands: ["aws ecs list-attributes --cluster <cluster> --target-type container-instance",
                                    "aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.[requiresAttributes,placementConstraints]'"]))
        }
    }
}
