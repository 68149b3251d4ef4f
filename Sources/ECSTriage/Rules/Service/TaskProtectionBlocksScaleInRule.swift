/// More tasks are scale-in protected than the desired count allows.
struct TaskProtectionBlocksScaleInRule: Rule {
    static let description = RuleDescription(
        id: "task-protection-blocks-scale-in", title: "Protected tasks block scale-in", category: .service,
        severity: .medium, explains: [.taskProtectionBlocksScaleIn],
        examples: [
            .triggers("service event", "service (service-name) was unable to reach steady state because task set (taskSet-ID) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.",
                      resources: [""], confidence: .likely),
            .quiet("unrelated", "(service web) has reached a steady state."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let cluster = workload?.clusterName ?? "<cluster>"
            return NamedCauseDetail(
                title: "More tasks are scale-in protected than the desired count, so the service cannot scale in",
                resources: symptom.resourceList,
                fix: Fix(summary: "Let protection expire or remove it from tasks that finished their work",
                         steps: ["Tasks set protection themselves through the ECS agent endpoint ($ECS_AGENT_URI/task-protection/v1/state) or UpdateTaskProtection.",
                                 "Make sure the application turns protection off when its work is done, with an expiresInMinutes as a safety net."],
                         commands: ["aws ecs get-task-protection --cluster \(cluster) --tasks <task-ids>",
                                    "aws ecs update-task-protection --cluster \(cluster) --tasks <task-ids> --no-protection-enabled"]))
        }
    }
}
