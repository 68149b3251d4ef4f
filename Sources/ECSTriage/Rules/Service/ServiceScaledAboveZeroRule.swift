/// DeleteService refused because the service still has a desired count
/// ("The service cannot be stopped while it is scaled above 0").
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
        Self.description.namedCauseFindings(context) { symptom, workload in
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            return NamedCauseDetail(title: Self.title, resources: symptom.resourceList, fix: Self.fix(target),
                                    missingEvidence: target.missingEvidence)
        }
    }
}

// MARK: Messages and fixes

extension ServiceScaledAboveZeroRule {
    static let title = "The service still has a desired count above 0, so it cannot be deleted"

    static func fix(_ target: ServiceCoordinates) -> Fix {
        Fix(summary: "Scale the service to 0 first, or delete it with --force",
            steps: ["DeleteService refuses a replica service whose desired count is above 0; --force scales it down and deletes it at once."],
            commands: [ServiceUpdate(target: target, changes: [.desiredCount(0)]).command,
                       "aws ecs delete-service --cluster \(target.clusterWord) --service \(target.serviceWord)"])
    }
}
