/// A Fargate Spot (or EC2 Spot) task was reclaimed.
struct SpotInterruptionRule: Rule {
    static let description = RuleDescription(
        id: "spot-interruption", title: "Spot task interrupted", category: .capacity, severity: .info,
        explains: [.spotInterruption],
        examples: [
            .triggers("Fargate Spot", "Your Spot Task was interrupted.", resources: [""], confidence: .likely),
            .quiet("retirement is another rule's", "AWS_ECS_TASK_PATCHING_RETIREMENT"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            NamedCauseDetail(
                title: "The task ran on Spot capacity and AWS reclaimed it",
                resources: symptom.resourceList,
                fix: Fix(summary: "Expected for Spot: make the workload tolerate it, or keep a FARGATE (on-demand) base",
                         steps: ["Spot tasks get a two-minute warning (SIGTERM after the SpotInterruption stop code): handle SIGTERM and finish in-flight work.",
                                 "Use a capacity provider strategy with FARGATE base capacity plus FARGATE_SPOT weight for critical services."],
                         terraform: "capacity_provider_strategy {\n  capacity_provider = \"FARGATE\"\n  base              = 1\n  weight            = 1\n}"))
        }
    }
}
