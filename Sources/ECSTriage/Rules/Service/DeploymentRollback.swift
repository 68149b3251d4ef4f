/// What a service's deployments and events say about a failed rollout: the
/// deployment the circuit breaker failed (`rolloutState` FAILED), the one ECS
/// rolled back to ("rolling back to deployment ecs-svc/..." events), and the
/// stopped tasks of the failed revision grouped by why they stopped.
/// `rolloutState`, `rolloutStateReason` and `failedTasks` are Deployment
/// members of botocore's ECS model (data/ecs/2014-11-13/service-2.json); a
/// FAILED deployment launches no new task.
struct DeploymentRollback {
    var failed: Deployment
    /// The deployment ECS returned to, when an event names one the input holds.
    var restored: Deployment?
    /// The failed revision's stopped tasks by stopped reason, most frequent first.
    var stoppedByReason: [(reason: String, tasks: [ECSTask])]

    /// The failed deployments of the workload's service, newest event first.
    static func all(in workload: Workload) -> [DeploymentRollback] {
        guard let service = workload.service else { return [] }
        let targets = service.events.compactMap { event -> String? in
            MessageClassifier.token(after: "rolling back to deployment ", in: event.message).map(MessageClassifier.trimPunctuation)
        }
        let byId = Dictionary(service.deployments.compactMap { deployment in deployment.id.map { ($0, deployment) } }, uniquingKeysWith: { first, _ in first })
        return service.deployments.filter { $0.rolloutState?.uppercased() == "FAILED" }.map { failed in
            let restored = targets.lazy.compactMap { byId[$0] }.first { $0.id != failed.id }
            let stopped = workload.tasks.filter { task in
                task.lastStatus?.uppercased() == "STOPPED" && failed.taskDefinition != nil && task.taskDefinitionArn == failed.taskDefinition
            }
            return DeploymentRollback(failed: failed, restored: restored, stoppedByReason: group(stopped))
        }
    }

    private static func group(_ tasks: [ECSTask]) -> [(reason: String, tasks: [ECSTask])] {
        var order: [String] = []
        var byReason: [String: [ECSTask]] = [:]
        for task in tasks {
            let reason = task.stoppedReason ?? task.stopCode ?? "no stopped reason"
            if byReason[reason] == nil { order.append(reason) }
            byReason[reason, default: []].append(task)
        }
        return order.map { ($0, byReason[$0]!) }.sorted { $0.tasks.count > $1.tasks.count }
    }

    var failedRevision: String { failed.taskDefinition.map(ARN.lastComponent) ?? "the new revision" }

    /// `deployment ecs-svc/1 (web:7) FAILED after 3 failed tasks: ECS deployment circuit breaker: tasks failed to start.`
    var failedLine: String {
        "deployment \(failed.id ?? "") (\(failedRevision)) FAILED"
            + (failed.failedTasks.map { " after \($0) failed task\($0 == 1 ? "" : "s")" } ?? "")
            + (failed.rolloutStateReason.map { ": " + $0 } ?? "")
    }

    var restoredLine: String? {
        restored.map { "ECS rolled back to deployment \($0.id ?? "") (\($0.taskDefinition.map(ARN.lastComponent) ?? "its revision"))" }
    }

    /// `3 tasks of web:7 stopped: Essential container in task exited (web exited 1)`.
    func reasonLine(_ group: (reason: String, tasks: [ECSTask])) -> String {
        let codes = group.tasks.compactMap { task in SymptomExtractor.stoppingContainer(of: task, definition: nil) }
            .compactMap { state in state.exitCode.map { "\(state.name ?? "container") exited \($0)" } }.uniqued()
        return "\(group.tasks.count) task\(group.tasks.count == 1 ? "" : "s") of \(failedRevision) stopped: \(group.reason)"
            + (codes.isEmpty ? "" : " (" + codes.prefix(3).joined(separator: ", ") + ")")
    }

    /// The evidence of the rollback: the failed deployment, where it went back to, and why its tasks stopped.
    var evidence: [Evidence] {
        var lines = [Evidence(failed.location + "/rolloutState", failedLine)]
        if let restored, let line = restoredLine { lines.append(Evidence(restored.location, line)) }
        lines += stoppedByReason.prefix(3).map { Evidence($0.tasks[0].location + "/stoppedReason", reasonLine($0)) }
        return lines
    }
}
