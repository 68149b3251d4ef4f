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
        // The API error names no service: which one, and its deployments, come from the caller's command.
        Self.description.namedCauseFindings(context) { symptom, _ in
            NamedCauseDetail(
                title: "The service still has a deployment in progress, so it cannot be deleted",
                resources: symptom.resourceList, fix: Self.fix,
                missingEvidence: [MissingEvidence(why: "the cluster the failed delete-service named", command: "aws ecs list-clusters"),
                                  MissingEvidence(why: "the service's deployments and their rollout state",
                                                  command: "aws ecs describe-services --cluster <cluster> --services <service> --query " +
                                                           "'services[0].deployments[].[id,status,rolloutState]'")])
        }
    }
}

// MARK: Messages and fixes

extension ServiceDeploymentsActiveRule {
    /// Terraform's aws_ecs_service retries DeleteService on this message while the
    /// drain's deployment settles (hashicorp/terraform-provider-aws internal/service/ecs).
    static let fix = Fix(
        summary: "Wait for the service's deployment to finish, then delete it again",
        steps: ["ECS deletes a service only when no deployment is in progress: the update that scaled it to 0 (or changed it) starts one, which must " +
                "settle first.",
                "Tools retry this error until the deployment settles (Terraform's aws_ecs_service does); a script should wait for services-stable, " +
                "then delete.",
                "A deployment that never completes (tasks failing to start) must be rolled back or fixed first: update the service to the previous " +
                "task definition revision."],
        commands: ["aws ecs wait services-stable --cluster <cluster> --services <service>",
                   "aws ecs delete-service --cluster <cluster> --service <service>"])
}
