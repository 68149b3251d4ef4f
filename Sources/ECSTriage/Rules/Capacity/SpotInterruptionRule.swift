/// A Fargate Spot (or EC2 Spot) task was reclaimed: expected for Spot, a
/// defect only for a service that has no on-demand base to fall back on.
struct SpotInterruptionRule: Rule {
    static let description = RuleDescription(
        id: "spot-interruption", title: "Spot task interrupted", category: .capacity, severity: .info,
        explains: [.spotInterruption],
        examples: [
            .triggers("Fargate Spot", "Your Spot Task was interrupted.", resources: [""], confidence: .likely),
            .triggers("a service on FARGATE_SPOT alone", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: ["(service web) has stopped 1 running tasks: (task 0b1c2d3e). Your Spot Task was interrupted."],
                                                          extraJSON: #", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]"#))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("retirement is another rule's", "AWS_ECS_TASK_PATCHING_RETIREMENT"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            let providers = workload?.service?.capacityProviders ?? []
            let spotOnly = !providers.isEmpty && providers.allSatisfy { $0.uppercased() == "FARGATE_SPOT" }
            return NamedCauseDetail(
                title: spotOnly ? Self.spotOnlyTitle(workload!.name) : Self.title, resources: symptom.resourceList,
                fix: Self.fix(spotOnly ? ServiceUpdate(target: target, changes: [.capacityProviderStrategy(Self.mixedStrategy)]) : nil))
        }
    }
}

// MARK: Messages and fixes

extension SpotInterruptionRule {
    static let title = "The task ran on Spot capacity and AWS reclaimed it"

    static func spotOnlyTitle(_ service: String) -> String {
        "AWS reclaimed a Spot task of \(service), which runs on FARGATE_SPOT alone (no on-demand base)"
    }

    /// One on-demand task first, then tasks shared evenly between on-demand and Spot.
    static let mixedStrategy = [ServiceUpdate.CapacityProviderItem(provider: "FARGATE", base: 1, weight: 1),
                                ServiceUpdate.CapacityProviderItem(provider: "FARGATE_SPOT", base: nil, weight: 1)]

    static func fix(_ update: ServiceUpdate?) -> Fix {
        Fix(summary: "Expected for Spot: make the workload tolerate it, or keep a FARGATE (on-demand) base",
            steps: ["Spot tasks get a two-minute warning (SIGTERM after the SpotInterruption stop code): handle SIGTERM and finish in-flight work.",
                    "Use a capacity provider strategy with FARGATE base capacity plus FARGATE_SPOT weight for critical services."],
            commands: update.map { [$0.command] } ?? [], terraform: update?.terraform)
    }
}
