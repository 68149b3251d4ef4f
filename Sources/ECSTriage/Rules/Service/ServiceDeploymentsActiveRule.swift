/// DeleteService refuses a service while one of its deployments is still
/// in progress (the update that scaled it down, a rollout, a rollback).
struct ServiceDeploymentsActiveRule: Rule {
    static let description = RuleDescription(
        id: "service-deployments-active", title: "Service cannot be deleted while deployments are active", category: .service,
        severity: .low, explains: [.serviceDeploymentsActive],
        examples: [
            .triggers("DeleteService error", "An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while deployments are active.",
                      resources: [""], confidence: .likely),
            .quiet("scaled above zero is another rule's", "An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while it is scaled above 0."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        // The API error names no service: which one comes from the snapshot, else from the caller's command.
        Self.description.namedCauseFindings(context) { symptom, workload in
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            return NamedCauseDetail(title: Self.title, resources: symptom.resourceList, fix: Self.fix(target),
                                    missingEvidence: target.missingEvidence + [Self.deploymentsMissing(target)])
        }
    }
}

// MARK: Messages and fixes

extension ServiceDeploymentsActiveRule {
    static let title = "The service still has a deployment in progress, so it cannot be deleted"

    /// Terraform's aws_ecs_service retries DeleteService on this message while the
    /// drain's deployment settles (hashicorp/terraform-provider-aws internal/service/ecs).
    static func fix(_ target: ServiceCoordinates) -> Fix {
        Fix(summary: "Wait for the service's deployment to finish, then delete it again",
            steps: ["ECS deletes a service only when no deployment is in progress: the update that scaled it to 0 (or changed it) starts one, "
                        + "which must settle first.",
                    "Tools retry this error until the deployment settles (Terraform's aws_ecs_service does); a script should wait for "
                        + "services-stable, then delete.",
                    "A deployment that never completes (tasks failing to start) must be rolled back or fixed first: update the service to the "
                        + "previous task definition revision."],
            commands: ["aws ecs wait services-stable --cluster \(target.clusterWord) --services \(target.serviceWord)",
                       "aws ecs delete-service --cluster \(target.clusterWord) --service \(target.serviceWord)"])
    }

    static func deploymentsMissing(_ target: ServiceCoordinates) -> MissingEvidence {
        MissingEvidence(why: "the service's deployments and their rollout state",
                        command: "aws ecs describe-services --cluster \(target.clusterWord) --services \(target.serviceWord) "
                            + "--query 'services[0].deployments[].[id,status,rolloutState]'")
    }
}
