/// A deployment is failing (circuit breaker, "unable to consistently start
/// tasks") and no finding explains the failed tasks behind it.
struct DeploymentFailingRule: Rule {
    static let description = RuleDescription(
        id: "deployment-failing", title: "Deployment is failing", category: .service, kind: .symptom, severity: .critical,
        explains: [.deploymentFailed],
        examples: [
            .triggers("circuit breaker", "ECS deployment circuit breaker: tasks failed to start.", resources: [""]),
            .triggers("rolled back from web:2 to web:1, its tasks exiting 1", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: ["(service web) rolling back to deployment ecs-svc/111.",
                                                                          "(service web) (deployment ecs-svc/222) deployment failed: tasks failed to start."],
                                                          extraJSON: #", "deployments": [{"id": "ecs-svc/111", "status": "PRIMARY", "taskDefinition": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "rolloutState": "IN_PROGRESS"}, {"id": "ecs-svc/222", "status": "ACTIVE", "taskDefinition": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:2", "rolloutState": "FAILED", "rolloutStateReason": "ECS deployment circuit breaker: tasks failed to start.", "failedTasks": 3}]"#)),
                Fixture.array("tasks", CrashLoopRule.exitedTask("t1", created: "10:00:00", stopped: "10:00:40").replacingOccurrences(of: "web:1", with: "web:2"))),
                resources: [Fixture.serviceArn("web")]),
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
            symptom.resource ?? symptom.serviceNameInMessage ?? ""
        }
        return groups.map { _, symptoms in
            let workload = context.index.workload(for: symptoms[0].resource)
            let target = ServiceCoordinates(workload, symptom: symptoms[0], index: context.index)
            let taskFailures = workload.map { workload in
                context.symptoms(of: Set(SymptomKind.allCases).subtracting([.deploymentFailed]), on: workload).filter { $0.resource != nil }
            } ?? []
            let stopped = workload?.tasks.filter { $0.lastStatus?.uppercased() == "STOPPED" }.map(\.taskArn) ?? []
            // The failed rollout, where it went back to and which task failures drove it.
            let rollback = workload.flatMap { DeploymentRollback.all(in: $0).first }
            return Self.description.finding(
                title: rollback.map { Self.title(workload?.name ?? target.service, rollback: $0) } ?? Self.title(workload?.name ?? target.service),
                basis: .symptomText, explains: symptoms, resources: symptoms[0].resourceList,
                evidence: symptoms.map(\.evidence) + (rollback?.evidence ?? []),
                fix: Self.fix(target, taskFailures: taskFailures, stoppedTasks: stopped),
                missingEvidence: target.missingEvidence + (taskFailures.isEmpty && stopped.isEmpty ? [Self.stoppedTasksMissing(target)] : []))
        }
    }
}

// MARK: Messages and fixes

extension DeploymentFailingRule {
    static func title(_ service: String?) -> String {
        "The deployment of \(service ?? "the service") is failing: its new tasks do not start or stay healthy"
    }

    /// `The deployment of web (web:7) failed and was rolled back to web:6: 3 tasks stopped with "..."`.
    static func title(_ service: String?, rollback: DeploymentRollback) -> String {
        let back = rollback.restored.map { " and was rolled back to \($0.taskDefinition.map(ARN.lastComponent) ?? $0.id ?? "the previous deployment")" } ?? ""
        let cause = rollback.stoppedByReason.first.map { ": \($0.tasks.count) of its tasks stopped with \"\($0.reason)\"" } ?? ""
        return "The deployment of \(service ?? "the service") (\(rollback.failedRevision)) failed\(back)\(cause)"
    }

    /// The service's stopped tasks, as `--tasks` arguments (ECS keeps them about an hour).
    static func stoppedTasks(_ target: ServiceCoordinates) -> String {
        "$(aws ecs list-tasks --cluster \(target.clusterWord) --service-name \(target.serviceWord) --desired-status STOPPED --max-items 100 "
            + "--query taskArns --output text)"
    }

    static func fix(_ target: ServiceCoordinates, taskFailures: [Symptom], stoppedTasks known: [String]) -> Fix {
        var steps = ["The deployment fails because its new tasks fail: the reason is in the stopped tasks' stoppedReason and the containers' reasons."]
        if !taskFailures.isEmpty {
            // One entry per kind of failure, with every symptom of that kind: "S1, S2, S3 container-exited".
            let kinds = taskFailures.map(\.kind).uniqued()
            let byKind = kinds.prefix(3).map { kind in
                taskFailures.filter { $0.kind == kind }.map(\.id).joined(separator: ", ") + " " + kind.rawValue
            }
            steps.append("Failures seen on this service: " + byKind.joined(separator: "; ") + " (see their findings).")
        }
        steps.append("With the circuit breaker's rollback on, ECS returns to the last working deployment; fix the cause, then deploy again.")
        let tasks = known.isEmpty ? stoppedTasks(target) : known.prefix(100).map(ShellWord.quoted).joined(separator: " ")
        return Fix(summary: "Find why the new tasks stop: analyse their stopped reasons", steps: steps,
                   commands: ["aws ecs describe-tasks --cluster \(target.clusterWord) --tasks \(tasks) "
                              + "--query 'tasks[].[taskArn,stopCode,stoppedReason,containers[].reason]'"])
    }

    static func stoppedTasksMissing(_ target: ServiceCoordinates) -> MissingEvidence {
        MissingEvidence(why: "the stopped tasks of the failed deployment say why they failed (they are kept about an hour); analyse that output too",
                        command: "aws ecs describe-tasks --cluster \(target.clusterWord) --tasks \(stoppedTasks(target))")
    }
}

import Foundation
