/// Tasks that served for a while and were then stopped by a health check
/// (the load balancer's or the container's own): the check had passed, so
/// the task was up and the check itself works; later the application stopped
/// answering it, and ECS replaced the task. That is a health check acting as
/// a liveness probe, not a slow start (`health-check-grace-period-too-short`
/// covers tasks killed at the first moment ECS may act).
///
/// "Had passed": a task that never answers is stopped as soon as ECS may
/// act. For ELB checks that is the service's healthCheckGracePeriodSeconds
/// plus the target group's interval × unhealthy threshold; for a container
/// check, its startPeriod plus interval × retries (defaults 30 s and 3, a
/// check timing out after 5 s: HealthCheck in botocore's ECS model,
/// data/ecs/2014-11-13/service-2.json). ECS acts on an unhealthy task some
/// time after that moment, so a task counts as having passed only when it
/// lived at least twice that plus the time to become healthy (healthy
/// threshold × interval, or one more interval), and at least 15 minutes.
struct HealthCheckKillsRunningTasksRule: Rule {
    static let description = RuleDescription(
        id: "health-check-kills-running-tasks", title: "Tasks that were healthy are later stopped by health checks", category: .runtime,
        severity: .high, explains: [.targetUnhealthy, .containerHealthCheckFailed], needs: [.services, .tasks],
        examples: [
            .triggers("ELB kill after 47 minutes of service", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 60"#)),
                Fixture.array("tasks", HealthCheckGracePeriodTooShortRule.killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:47:10Z")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg"))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .triggers("container check failing after two hours", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", containerKilledTask("t1", startedAt: "2026-11-20T08:00:00Z", stoppedAt: "2026-11-20T10:02:00Z")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "retries": 3}"#))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("killed at the first moment ECS may: a slow start", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 0"#)),
                Fixture.array("tasks", HealthCheckGracePeriodTooShortRule.killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:01:05Z")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")))),
            .quiet("container check failing from the start", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", containerKilledTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppedAt: "2026-11-20T10:01:40Z")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "retries": 3}"#)))),
        ])

    static func containerKilledTask(_ id: String, startedAt: String, stoppedAt: String) -> String {
        #"{"taskArn": "\#(Fixture.taskArn(id))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stopCode": "TaskFailedToStart", "stoppedReason": "Task failed container health checks", "startedAt": "\#(startedAt)", "stoppedAt": "\#(stoppedAt)", "containers": [{"name": "web", "exitCode": 143, "healthStatus": "UNHEALTHY", "lastStatus": "STOPPED"}]}"#
    }

    /// Shorter lives are read as start-up failures, however the checks are timed.
    static let minimumLifetime = 15 * 60

    /// A task stopped by a health check after it had passed it.
    struct LateKill {
        var task: ECSTask
        var symptom: Symptom
        var seconds: Int
        /// When a task that never answered would have been stopped.
        var earliest: Int
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var targetByService: [String: ServiceTarget] = [:]
        for target in context.index.serviceTargets where targetByService[target.service.serviceArn] == nil {
            targetByService[target.service.serviceArn] = target
        }
        return context.index.workloads.flatMap { workload -> [Finding] in
            guard let service = workload.service else { return [] }
            var findings: [Finding] = []
            if let target = targetByService[service.serviceArn] {
                let kills = Self.elbKills(workload, target: target, context)
                if !kills.isEmpty { findings.append(finding(workload, kills, target: target, container: nil, context)) }
            }
            if let (container, kills) = Self.containerKills(workload, context), !kills.isEmpty {
                findings.append(finding(workload, kills, target: nil, container: container, context))
            }
            return findings
        }
    }

    /// ELB health-check kills later than a task that never answered would be stopped.
    static func elbKills(_ workload: Workload, target: ServiceTarget, _ context: AnalysisContext) -> [LateKill] {
        let interval = target.targetGroup?.healthCheckIntervalSeconds ?? 30
        let unhealthy = target.targetGroup?.unhealthyThresholdCount ?? 2
        let healthy = target.targetGroup?.healthyThresholdCount ?? 5
        let earliest = (target.service.healthCheckGracePeriodSeconds ?? 0) + interval * unhealthy + interval
        return lateKills(workload, context, earliest: earliest, toBecomeHealthy: interval * healthy) { symptom in
            symptom.kind == .targetUnhealthy && symptom.message.lowercased().contains("elb health checks")
        }
    }

    /// Container health-check kills later than a container that never passed its check would be stopped.
    static func containerKills(_ workload: Workload, _ context: AnalysisContext) -> (ContainerDefinition, [LateKill])? {
        guard let (container, earliest, toBecomeHealthy) = containerWindow(workload) else { return nil }
        return (container, lateKills(workload, context, earliest: earliest, toBecomeHealthy: toBecomeHealthy) { $0.kind == .containerHealthCheckFailed })
    }

    /// The checked essential container, when a container that never passed would be stopped, and the time to pass once.
    private static func containerWindow(_ workload: Workload) -> (ContainerDefinition, earliest: Int, toBecomeHealthy: Int)? {
        guard let container = workload.taskDefinition?.containerDefinitions.first(where: { $0.essential && !$0.healthCheckCommand.isEmpty })
        else { return nil }
        let interval = container.healthCheckInterval ?? 30
        let earliest = (container.healthCheckStartPeriod ?? 0) + interval * (container.healthCheckRetries ?? 3) + (container.healthCheckTimeout ?? 5)
        return (container, earliest, interval)
    }

    private static func passed(lifetime seconds: Int, earliest: Int, toBecomeHealthy: Int) -> Bool {
        seconds >= max(2 * (earliest + toBecomeHealthy), minimumLifetime)
    }

    private static func lateKills(_ workload: Workload, _ context: AnalysisContext, earliest: Int, toBecomeHealthy: Int,
                                  _ isKill: (Symptom) -> Bool) -> [LateKill] {
        let failures = EventHistory.failuresByTask(workload, context)
        return workload.tasks.compactMap { task -> LateKill? in
            guard let symptom = failures[task.taskArn]?.first(where: isKill), let started = task.startedAt,
                  let stopped = task.stoppingAt ?? task.stoppedAt, stopped >= started else { return nil }
            let seconds = Int((stopped - started).rounded())
            return passed(lifetime: seconds, earliest: earliest, toBecomeHealthy: toBecomeHealthy) ? LateKill(task: task, symptom: symptom, seconds: seconds, earliest: earliest) : nil
        }
    }

    /// The service's "(task <id>) ... is unhealthy in (target-group ...)" events about the killed tasks: the same failure.
    static func serviceEvents(about kills: [LateKill], _ workload: Workload, _ context: AnalysisContext) -> [Symptom] {
        guard let service = workload.service else { return [] }
        let ids = Set(kills.map(\.task.taskId))
        return context.symptoms(of: [.targetUnhealthy], onResource: service.serviceArn).filter { symptom in
            symptom.resource == service.serviceArn
                && MessageClassifier.token(after: "(task ", in: symptom.message, stopAt: ")").map(ids.contains) == true
        }
    }

    /// Whether a container health-check kill of this task came after the check had passed (the command works).
    static func killedAfterPassing(_ task: ECSTask?, _ workload: Workload?) -> Bool {
        guard let task, let workload, let (_, earliest, toBecomeHealthy) = containerWindow(workload), let started = task.startedAt,
              let stopped = task.stoppingAt ?? task.stoppedAt, stopped >= started else { return false }
        return passed(lifetime: Int((stopped - started).rounded()), earliest: earliest, toBecomeHealthy: toBecomeHealthy)
    }

    private func finding(_ workload: Workload, _ kills: [LateKill], target: ServiceTarget?, container: ContainerDefinition?,
                         _ context: AnalysisContext) -> Finding {
        let service = workload.service!
        let shortest = kills.map(\.seconds).min()!
        let events = Self.serviceEvents(about: kills, workload, context)
        var evidence = kills.prefix(3).map { Evidence($0.symptom.location, Self.killLine($0)) } + events.prefix(2).map(\.evidence)
        if let group = target?.targetGroup { evidence.append(Evidence(group.location, Self.targetGroupLine(group))) }
        if let container { evidence.append(Evidence(container.healthCheckLocation ?? container.location, Self.containerCheckLine(container))) }
        // A CPU pinned at its limit while running: the checks time out under load.
        if let cpu = MetricEvidence.sustainedCPU(workload, context.index) { evidence.append(cpu) }
        if let target { evidence += MetricEvidence.targetGroup(target.targetGroupArn, name: ARN.targetGroupName(target.targetGroupArn), context.index) }
        let logs = workload.container(named: target?.attachment.containerName ?? container?.name).flatMap { definition in
            ContainerLogCommands(definition, taskArn: kills[0].task.taskArn, startedAt: kills[0].task.startedAt)
        }
        return Self.description.finding(
            title: Self.title(service.serviceName, count: kills.count, shortest: shortest, byLoadBalancer: target != nil),
            basis: .symptomText, explains: kills.map(\.symptom) + events,
            resources: [workload.resource] + (target.map { [.arn($0.targetGroupArn)] } ?? []) + kills.map { .arn($0.task.taskArn) },
            evidence: evidence,
            fix: target.map { Self.loadBalancerFix($0, logs: logs) } ?? Self.containerFix(container!, use: context.index.definitionUse(workload.taskDefinition!), logs: logs))
    }
}

// MARK: Messages and fixes

extension HealthCheckKillsRunningTasksRule {
    static func title(_ service: String, count: Int, shortest: Int, byLoadBalancer: Bool) -> String {
        "\(service): \(count) task\(count == 1 ? "" : "s") passed \(byLoadBalancer ? "ELB" : "container") health checks, then failed them "
            + "after \(EventHistory.duration(shortest)) or more and \(count == 1 ? "was" : "were") replaced: the application stops answering while running"
    }

    static func killLine(_ kill: LateKill) -> String {
        "task \(kill.task.taskId) was stopped by health checks \(EventHistory.duration(kill.seconds)) after it started; one that never "
            + "answered would have been stopped after about \(EventHistory.duration(kill.earliest))"
    }

    static func targetGroupLine(_ group: TargetGroup) -> String {
        "\(group.name) checks \(group.healthCheckPath ?? "/") every \(group.healthCheckIntervalSeconds ?? 30) s with a "
            + "\(group.healthCheckTimeoutSeconds ?? 5) s timeout; \(group.unhealthyThresholdCount ?? 2) failures in a row mark a target unhealthy"
    }

    static func containerCheckLine(_ container: ContainerDefinition) -> String {
        "container \(container.name) runs its check every \(container.healthCheckInterval ?? 30) s with a \(container.healthCheckTimeout ?? 5) s "
            + "timeout; \(container.healthCheckRetries ?? 3) failures in a row make it UNHEALTHY and ECS stops the task"
    }

    static let livenessSteps = [
        "The check had passed, so the port, path and command are right: later the application stopped answering in time, and ECS "
            + "replaced the task (a health check is a liveness probe for ECS).",
        "Read the application's last lines before the stop: a hang, memory or thread exhaustion, a long garbage-collection pause, "
            + "or a dependency the health endpoint calls (a database, another service) that was slow or down.",
        "Keep the health endpoint cheap and local: it should say whether this process can serve, not whether its dependencies are up "
            + "(a dependency outage then replaces every task at once).",
    ]

    static func loadBalancerFix(_ target: ServiceTarget, logs: ContainerLogCommands?) -> Fix {
        let threshold = min(10, max(3, (target.targetGroup?.unhealthyThresholdCount ?? 2) * 2))
        return Fix(summary: "Find why the application stops answering \(target.groupName)'s health check; tolerate short stalls meanwhile",
                   steps: livenessSteps + ["While you look, an unhealthy threshold of \(threshold) tolerates short stalls (the last command)."],
                   commands: (logs?.commands ?? []) + [
                       "aws elbv2 modify-target-group --target-group-arn \(ShellWord.quoted(target.targetGroupArn)) --unhealthy-threshold-count \(threshold)"])
    }

    static func containerFix(_ container: ContainerDefinition, use: DefinitionUse, logs: ContainerLogCommands?) -> Fix {
        let retries = min(10, max(3, (container.healthCheckRetries ?? 3) * 2))
        var fix = Fix(summary: "Find why \(container.name) stops answering its health check; tolerate short stalls meanwhile",
                      steps: livenessSteps + ["While you look, \(retries) retries tolerate short stalls (the new revision below)."],
                      change: TaskDefinitionChange(use, [.container(container.name, "healthCheck.retries", .number(Double(retries)))]),
                      definition: use.definition)
        fix.commands = (logs?.commands ?? []) + fix.commands
        return fix
    }
}
