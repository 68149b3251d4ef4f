/// DeleteService refused because the service still has a desired count.
struct ServiceScaledAboveZeroRule: Rule {
    static let description = RuleDescription(
        id: "service-scaled-above-zero", title: "Service cannot be deleted while scaled above 0", category: .service,
        severity: .low, explains: [.serviceScaledAboveZero],
        examples: [
            .triggers("DeleteService error", "An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while it is scaled above 0.",
                      resources: [""], confidence: .likely),
            .quiet("unrelated", "(service web) has reached a steady state."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            NamedCauseDetail(
                title: "The service still has a desired count above 0, so it cannot be deleted",
                resources: symptom.resourceList,
                fix: Fix(summary: "Scale the service to 0 first, or delete it with --force",
                         commands: ["aws ecs update-service --cluster <cluster> --service <service> --desired-count 0",
                                    "aws ecs delete-service --cluster <cluster> --service <service>  # or: --force"]))
        }
    }
}
