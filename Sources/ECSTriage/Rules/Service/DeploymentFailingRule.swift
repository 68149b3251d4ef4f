/// A deployment is failing (circuit breaker, "unable to consistently start
/// tasks") and no finding explains the failed tasks behind it.
struct DeploymentFailingRule: Rule {
    static let description = RuleDescription(
        id: "deployment-failing", title: "Deployment is failing", category: .service, kind: .symptom, severity: .critical,
        explains: [.deploymentFailed],
        examples: [
            .triggers("circuit breaker", "ECS deployment circuit breaker: tasks failed to start.", resources: [""]),
            .quiet("deployment failing because of a found cause", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: ["(service web) (deployment ecs-svc/123) deployment failed: tasks failed to start."])),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                "\"VpcEndpoints\": []")),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        // Rollback and failure events of one service are one failing deployment.
        let groups = context.unexplainedSymptoms(of: [.deploymentFailed]).grouped { symptom in
            symptom.resource ?? MessageClassifier.token(after: "(service ", in: symptom.message, stopAt: ") ") ?? ""
        }
        return groups.map { _, symptoms in
            let symptom = symptoms[0]
            let workload = context.index.workload(for: symptom.resource)
            let taskFailures = workload.map { w in
                context.symptoms(of: Set(SymptomKind.allCases).subtracting([.deploymentFailed]), on: w).filter { $0.resource != nil }
            } ?? []
            var steps = ["The deployment fails because its new tasks fail: the reason is in the stopped tasks' stoppedReason and the containers' reasons."]
            if !taskFailures.isEmpty {
                steps.append("Failures seen on this service: " + taskFailures.prefix(3).map { "\($0.id) \($0.kind.rawValue)" }.joined(separator: ", ") + " (see their findings).")
            }
            steps.append("With the circuit breaker's rollback on, ECS returns to the last working deployment; fix the cause, then deploy again.")
            let cluster = workload?.clusterName ?? "<cluster>"
            let service = workload?.service?.serviceName ?? "<service>"
            return Self.description.finding(
                title: "The deployment of \(workload?.name ?? "the service") is failing: its new tasks do not start or stay healthy",
                basis: .symptomText, explains: symptoms, resources: symptom.resourceList,
                evidence: symptoms.map(\.evidence),
                fix: Fix(summary: "Find why the new tasks stop: analyse their stopped reasons", steps: steps,
                         commands: ["aws ecs list-tasks --cluster \(cluster) --service-name \(service) --desired-status STOPPED",
                                    "aws ecs describe-tasks --cluster \(cluster) --tasks <task-ids> --query 'tasks[].[stoppedReason,containers[].reason]'"]),
                missingEvidence: taskFailures.isEmpty ? [MissingEvidence(why: "the stopped tasks of the failed deployment say why they failed (they are kept about an hour)",
                                                                        command: "aws ecs describe-tasks --cluster \(cluster) --tasks $(aws ecs list-tasks --cluster \(cluster) --service-name \(service) --desired-status STOPPED --query 'taskArns' --output text)")] : [])
        }
    }
}
