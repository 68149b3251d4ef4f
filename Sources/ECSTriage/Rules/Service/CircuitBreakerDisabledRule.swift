/// The deployment circuit breaker is off on a service whose tasks keep
/// failing: a bad revision is retried for as long as nobody intervenes,
/// instead of failing the deployment after a few tasks and rolling back
/// (DeploymentCircuitBreaker in botocore's ECS model,
/// data/ecs/2014-11-13/service-2.json; rolling update (`ECS` controller)
/// only). Hygiene: severity low and never confirmed by a symptom, so it ranks
/// below the failure it would have contained.
struct CircuitBreakerDisabledRule: Rule {
    static let description = RuleDescription(
        id: "circuit-breaker-disabled", title: "Deployment circuit breaker off on a service whose tasks keep failing", category: .service,
        severity: .low, needs: [.services, .tasks],
        examples: [
            .triggers("breaker off, two tasks failed", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: breaker(false))),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout), Fixture.stoppedTask("t2", reason: Fixture.ecrTimeout))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("breaker on", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: breaker(true))),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout), Fixture.stoppedTask("t2", reason: Fixture.ecrTimeout)))),
            .quiet("breaker off, nothing failing", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: breaker(false))))),
            .quiet("blue/green deployments have no circuit breaker", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: breaker(false) + #", "deploymentController": {"type": "CODE_DEPLOY"}"#)),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout), Fixture.stoppedTask("t2", reason: Fixture.ecrTimeout)))),
        ])

    static func breaker(_ enabled: Bool) -> String {
        #", "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": \#(enabled), "rollback": \#(enabled)}, "maximumPercent": 200, "minimumHealthyPercent": 100}"#
    }

    /// Failures AWS caused (Spot reclaim, retirement) say nothing about the revision.
    private static let notTheRevision: Set<SymptomKind> = [.spotInterruption, .taskRetirement]

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.index.workloads.compactMap { workload -> Finding? in
            guard let service = workload.service, service.circuitBreakerEnabled == false,
                  (service.deploymentControllerType ?? "ECS").uppercased() == "ECS" else { return nil }
            let failedTasks = EventHistory.failuresByTask(workload, context)
                .filter { !$0.value.contains { Self.notTheRevision.contains($0.kind) } }.keys.sorted()
            let throttled = EventHistory.failuresOnResources(workload, context).filter { $0.kind == .deploymentFailed && $0.resource == service.serviceArn }
            guard failedTasks.count >= 2 || !throttled.isEmpty else { return nil }
            var evidence = [Evidence(service.deploymentConfigurationLocation.map { $0 + "/deploymentCircuitBreaker/enable" } ?? service.location,
                                     Self.breakerLine)]
            if !failedTasks.isEmpty { evidence.append(Evidence(service.location, Self.failedTasksLine(failedTasks.count))) }
            evidence += throttled.prefix(1).map { Evidence($0.location, "observed: " + $0.message) }
            return Self.description.finding(
                title: Self.title(service.serviceName, failedTasks: failedTasks.count),
                resources: [workload.resource], evidence: evidence,
                fix: Self.fix(cluster: workload.clusterName, service: service))
        }
    }
}

// MARK: Messages and fixes

extension CircuitBreakerDisabledRule {
    static func title(_ service: String, failedTasks: Int) -> String {
        "\(service) keeps retrying failing tasks\(failedTasks >= 2 ? " (\(failedTasks) failed)" : ""): its deployment circuit breaker is off"
    }

    static let breakerLine = "deploymentCircuitBreaker.enable is false"

    static func failedTasksLine(_ count: Int) -> String {
        "stopped with a failure: \(count) of the service's tasks"
    }

    static func fix(cluster: String, service: ECSService) -> Fix {
        let configuration = "deploymentCircuitBreaker={enable=true,rollback=true},maximumPercent=\(service.maximumPercent ?? 200),"
            + "minimumHealthyPercent=\(service.minimumHealthyPercent ?? 100)"
        return Fix(
            summary: "Turn on the deployment circuit breaker with rollback for \(service.serviceName)",
            steps: ["With the breaker on, ECS fails a deployment once about half the desired count of its tasks has failed (at least 3, "
                    + "at most 200) and, with rollback, returns to the last deployment that completed.",
                    "It contains the next bad revision; the failure seen now still needs its own fix (the findings above).",
                    "maximumPercent and minimumHealthyPercent are repeated as the service has them."],
            commands: ["aws ecs update-service --cluster \(ShellWord.quoted(cluster)) --service \(ShellWord.quoted(service.serviceName)) "
                       + "--deployment-configuration \(ShellWord.quoted(configuration))"],
            terraform: "resource \"aws_ecs_service\" \"\(TerraformName.label(service.serviceName))\" {\n"
                + "  deployment_circuit_breaker {\n    enable   = true\n    rollback = true\n  }\n}")
    }
}
