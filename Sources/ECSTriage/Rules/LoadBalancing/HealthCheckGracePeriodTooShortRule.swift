/// ECS stops tasks the load balancer marks unhealthy, except during the
/// service's `healthCheckGracePeriodSeconds` after a task starts (default 0).
/// An application that needs longer to answer its first check is killed
/// while starting, over and over. Observed: tasks stopped by ELB health
/// checks at the first moment ECS may (grace plus the target group's
/// interval × unhealthy threshold), with no HTTP answer from the targets.
/// Latent: the container's own `startPeriod` exceeds that window.
struct HealthCheckGracePeriodTooShortRule: Rule {
    static let description = RuleDescription(
        id: "health-check-grace-period-too-short", title: "Tasks are killed by ELB health checks before they finish starting",
        category: .loadBalancing, severity: .high, explains: [.targetUnhealthy],
        needs: [.services, .tasks, .targetGroups],
        examples: [
            .triggers("grace 0, task killed 65 s after start", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 0"#)),
                Fixture.array("tasks", killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:01:05Z")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg"))),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .triggers("startPeriod 180 s, grace 60 s, no kill yet", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 60"#)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"], "startPeriod": 180}"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg"))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("grace period longer than the start time", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 120"#)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"], "startPeriod": 30}"#)),
                Fixture.array("tasks", killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:40:00Z")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")))),
            .quiet("killed early, but the health check port is explicit (health-check-port-mismatch)", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("tasks", killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:01:05Z")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "80")))),
            .quiet("killed early but the targets answered 404: the path, not the grace period", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("tasks", killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:01:05Z")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/health")),
                Fixture.targetHealth("web-tg", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [404]"))),
        ])

    static func killedTask(_ id: String, startedAt: String, stoppingAt: String) -> String {
        #"{"taskArn": "\#(Fixture.taskArn(id))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stopCode": "ServiceSchedulerInitiated", "stoppedReason": "Task failed ELB health checks in (target-group \#(Fixture.targetGroupArn("web-tg")))", "startedAt": "\#(startedAt)", "stoppingAt": "\#(stoppingAt)"}"#
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        for target in context.index.serviceTargets where seen.insert(target.service.serviceArn).inserted {
            if let finding = check(target, context) { findings.append(finding) }
        }
        return findings
    }

    private struct Kill {
        var symptom: Symptom
        var task: ECSTask
        var seconds: Int
    }

    private func check(_ target: ServiceTarget, _ context: AnalysisContext) -> Finding? {
        let service = target.service
        let grace = service.healthCheckGracePeriodSeconds ?? 0
        let interval = target.targetGroup?.healthCheckIntervalSeconds ?? 30
        let threshold = target.targetGroup?.unhealthyThresholdCount ?? 2
        let window = interval * threshold
        let startPeriod = (target.workload.taskDefinition?.containerDefinitions ?? []).filter(\.essential)
            .compactMap(\.healthCheckStartPeriod).max()
        let symptoms = target.symptoms(of: [.targetUnhealthy], context)
        // Targets that answered with an HTTP code were up: a wrong path, matcher or app, not a slow start.
        guard !symptoms.contains(where: { !$0.facts.httpCodes.isEmpty }) else { return nil }
        // Checks that cannot reach the application fail however long ECS waits.
        guard !target.loadBalancers.contains(where: { LbSgBlocksTaskPortRule.blockage(target, balancer: $0, context) != nil }),
              Int(target.targetGroup?.healthCheckPort ?? "traffic-port") == nil else { return nil }
        var healthCheckKills: [String: Symptom] = [:]
        for symptom in symptoms.reversed() where symptom.message.lowercased().contains("elb health checks") {
            if let task = symptom.resource { healthCheckKills[task] = symptom }
        }
        let kills: [Kill] = target.workload.tasks.compactMap { task in
            guard let symptom = healthCheckKills[task.taskArn],
                  let started = task.startedAt, let stopping = task.stoppingAt ?? task.stoppedAt, stopping >= started else { return nil }
            return Kill(symptom: symptom, task: task, seconds: Int((stopping - started).rounded()))
        }
        // Killed at the first moment ECS may: grace, then interval × threshold of failures (plus one interval of slack).
        let early = kills.filter { $0.seconds <= grace + window + interval }
        let latent = startPeriod.map { $0 > grace + window } ?? false
        guard !early.isEmpty || latent else { return nil }

        let longest = early.map(\.seconds).max() ?? 0
        let needed = max(2 * longest, (startPeriod ?? 0) + window, 60)
        let suggested = (needed + 29) / 30 * 30
        let basis = needed == 2 * longest ? "twice the longest observed start-to-kill time (\(longest) s)"
            : startPeriod.flatMap { needed == $0 + window ? "the container's startPeriod \($0) s plus \(window) s of failed checks" : nil } ?? "a minimum of 60 s"
        // The kills and the timed-out checks before them are one failure.
        let explained = early.isEmpty ? [] : target.unansweredChecks(context, reasons: ["Target.Timeout", "Target.FailedHealthChecks"])
        var evidence = explained.map(\.evidence)
        evidence.append(Evidence(service.location + (service.healthCheckGracePeriodSeconds == nil ? "" : "/healthCheckGracePeriodSeconds"),
                                 "healthCheckGracePeriodSeconds is \(grace)\(service.healthCheckGracePeriodSeconds == nil ? " (not set: ECS uses 0)" : "")"))
        for kill in early.prefix(3) {
            evidence.append(Evidence(kill.task.location + (kill.task.stoppingAt == nil ? "/stoppedAt" : "/stoppingAt"),
                                     "task \(kill.task.taskId) was stopped by ELB health checks \(kill.seconds) s after it started"))
        }
        if let group = target.targetGroup {
            evidence.append(Evidence(group.location, "\(group.name) marks a target unhealthy after \(threshold) failed checks \(interval) s apart (\(window) s)"))
        }
        if let startPeriod, let container = target.workload.taskDefinition?.containerDefinitions.first(where: { $0.healthCheckStartPeriod == startPeriod }) {
            evidence.append(Evidence((container.healthCheckLocation ?? container.location) + "/startPeriod",
                                     "container \(container.name) declares startPeriod \(startPeriod) s: it needs that long before its own check counts"))
        }
        let title = early.isEmpty
            ? "\(service.serviceName): the container needs \(startPeriod ?? 0) s to start, but ECS acts on ELB health checks after \(grace + window) s"
            : "\(service.serviceName): tasks are stopped by ELB health checks \(longest) s after starting, with a \(grace) s grace period"
        return Self.description.finding(
            title: title,
            explains: explained,
            resources: [.arn(service.serviceArn), .arn(target.targetGroupArn)],
            evidence: evidence,
            fix: Fix(summary: "Set healthCheckGracePeriodSeconds of \(service.serviceName) to \(suggested)",
                     steps: ["ECS ignores ELB health checks for healthCheckGracePeriodSeconds after a task starts; \(suggested) s covers \(basis).",
                             "The change takes effect without a new deployment. If tasks still fail after the grace period, the application never answers the check: see the target health reason.",
                             "Also consider a faster start (smaller image, lazy initialisation) and a lighter health endpoint."],
                     commands: ["aws ecs update-service \(target.serviceArguments) --health-check-grace-period-seconds \(suggested)"],
                     terraform: "resource \"aws_ecs_service\" \"\(ServiceTarget.label(service.serviceName))\" {\n  health_check_grace_period_seconds = \(suggested)\n}"))
    }
}
