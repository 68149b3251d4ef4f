/// ECS stops tasks the load balancer marks unhealthy, except during the
/// service's `healthCheckGracePeriodSeconds` after a task enters RUNNING
/// (default 0); the target group marks a target unhealthy after
/// `UnhealthyThresholdCount` failed checks `HealthCheckIntervalSeconds`
/// apart (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html,
/// "Health check grace period"; https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshoot-service-load-balancers.html).
/// An application that needs longer to answer its first check is killed
/// while starting, over and over.
///
/// Observed: tasks stopped by ELB health checks (no HTTP answer) before a
/// target that had answered could have been: one that passed
/// `HealthyThresholdCount` checks and then failed is unhealthy no earlier
/// than (healthy + unhealthy) × interval after it registered, and ECS acts
/// no earlier than the grace period; one interval more allows for the
/// registration and the first check. Or stopped before the container's own
/// `startPeriod` ended: it declares it needs that long. Latent: the
/// `startPeriod` exceeds the grace period plus interval × unhealthy threshold.
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
            .triggers("no grace set, fast checks, killed 48 s after start", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("tasks", killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:00:48Z")),
                Fixture.array("TargetGroups", fastTargetGroup)),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .triggers("killed after the grace period but before the container's startPeriod", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 30"#)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: startPeriod(120))),
                Fixture.array("tasks", killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:01:02Z")),
                Fixture.array("TargetGroups", fastTargetGroup)),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .triggers("startPeriod 180 s, grace 60 s, no kill yet", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 60"#)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: startPeriod(180))),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg"))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("grace period longer than the start time", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 120"#)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: startPeriod(30))),
                Fixture.array("tasks", killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:40:00Z")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")))),
            .quiet("killed long after it could have answered: a hang, not a slow start", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("tasks", killedTask("t1", startedAt: "2026-11-20T10:00:00Z", stoppingAt: "2026-11-20T10:01:40Z")),
                Fixture.array("TargetGroups", fastTargetGroup))),
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

    /// Checks 10 s apart, healthy after 2, unhealthy after 3: a target that answered is killed 50 s after it registered at the earliest.
    static let fastTargetGroup = #"{"TargetGroupArn": "\#(Fixture.targetGroupArn("web-tg"))", "TargetGroupName": "web-tg", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-1", "HealthCheckProtocol": "HTTP", "HealthCheckPort": "traffic-port", "HealthCheckPath": "/actuator/health", "HealthCheckIntervalSeconds": 10, "HealthyThresholdCount": 2, "UnhealthyThresholdCount": 3, "Matcher": {"HttpCode": "200"}, "TargetType": "ip", "LoadBalancerArns": ["\#(Fixture.loadBalancerArn)"]}"#

    static func startPeriod(_ seconds: Int) -> String {
        #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"], "startPeriod": \#(seconds)}"#
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        for target in context.index.serviceTargets where seen.insert(target.service.serviceArn).inserted {
            if let finding = check(target, context) { findings.append(finding) }
        }
        return findings
    }

    /// The timing ELB and ECS apply to one attachment (ELB's defaults when the group is not in the snapshot).
    struct Timing {
        var grace: Int
        var interval: Int
        var unhealthyThreshold: Int
        var healthyThreshold: Int
        /// The longest `startPeriod` of an essential container with its own health check.
        var startPeriod: Int?

        /// Failed checks before a target is unhealthy, in seconds.
        var failureWindow: Int { interval * unhealthyThreshold }
        /// Before this many seconds after start, no target that had answered could have been stopped.
        var neverAnsweredBound: Int { max(grace, (healthyThreshold + unhealthyThreshold) * interval) + interval }

        func isEarly(_ seconds: Int) -> Bool {
            seconds < neverAnsweredBound || startPeriod.map { seconds < $0 } == true
        }
    }

    struct Kill {
        var task: ECSTask
        var seconds: Int
    }

    private func check(_ target: ServiceTarget, _ context: AnalysisContext) -> Finding? {
        let group = target.targetGroup
        let timing = Timing(grace: target.service.healthCheckGracePeriodSeconds ?? 0, interval: group?.healthCheckIntervalSeconds ?? 30,
                            unhealthyThreshold: group?.unhealthyThresholdCount ?? 2, healthyThreshold: group?.healthyThresholdCount ?? 5,
                            startPeriod: (target.workload.taskDefinition?.containerDefinitions ?? []).filter(\.essential)
                                .compactMap(\.healthCheckStartPeriod).max())
        let symptoms = target.symptoms(of: [.targetUnhealthy], context)
        // Targets that answered with an HTTP code were up: a wrong path, matcher or app, not a slow start.
        guard !symptoms.contains(where: { !$0.facts.httpCodes.isEmpty }) else { return nil }
        // Checks that cannot reach the application fail however long ECS waits.
        guard !target.loadBalancers.contains(where: { LbSgBlocksTaskPortRule.blockage(target, balancer: $0, context) != nil }),
              Int(group?.healthCheckPort ?? "traffic-port") == nil else { return nil }
        let killedTasks = Set(symptoms.filter { $0.message.lowercased().contains("elb health checks") }.compactMap(\.resource))
        let early = target.workload.tasks.compactMap { task -> Kill? in
            guard killedTasks.contains(task.taskArn), let started = task.startedAt, let stopping = task.stoppingAt ?? task.stoppedAt,
                  stopping >= started else { return nil }
            let seconds = Int((stopping - started).rounded())
            return timing.isEarly(seconds) ? Kill(task: task, seconds: seconds) : nil
        }
        let latent = timing.startPeriod.map { $0 > timing.grace + timing.failureWindow } ?? false
        guard !early.isEmpty || latent else { return nil }

        // The kills and the unanswered checks before them are one failure.
        let explained = early.isEmpty ? [] : target.unansweredChecks(context, reasons: ["Target.Timeout", "Target.FailedHealthChecks"])
        let longest = early.map(\.seconds).max() ?? 0
        var evidence = context.observedEvidence(explained)
        evidence.append(Self.graceEvidence(target.service, timing))
        evidence += early.prefix(3).map { Self.killEvidence($0, timing) }
        if let group { evidence.append(Self.thresholdEvidence(group, timing)) }
        if let startPeriod = timing.startPeriod,
           let container = target.workload.taskDefinition?.containerDefinitions.first(where: { $0.healthCheckStartPeriod == startPeriod }) {
            evidence.append(Self.startPeriodEvidence(container, startPeriod))
        }
        return Self.description.finding(
            title: early.isEmpty ? Self.latentTitle(target.service, timing) : Self.killedTitle(target.service, longest: longest, timing),
            explains: explained,
            resources: [.arn(target.service.serviceArn), .arn(target.targetGroupArn)],
            evidence: evidence,
            fix: Self.fix(target, suggestion: Self.suggestion(longestKill: longest, timing)),
            missingEvidence: target.securityGroupQuestions(context))
    }

    /// The grace period to set, rounded up to 30 s, and what it covers.
    static func suggestion(longestKill: Int, _ timing: Timing) -> (seconds: Int, basis: String) {
        let fromKills = 2 * longestKill
        let fromStartPeriod = timing.startPeriod.map { $0 + timing.failureWindow } ?? 0
        let needed = max(fromKills, fromStartPeriod, 60)
        let basis = needed == fromKills ? "twice the longest observed start-to-kill time (\(longestKill) s)"
            : needed == fromStartPeriod ? "the container's startPeriod \(timing.startPeriod ?? 0) s plus \(timing.failureWindow) s of failed checks"
            : "a minimum of 60 s"
        return ((needed + 29) / 30 * 30, basis)
    }
}

// MARK: Messages and fixes

extension HealthCheckGracePeriodTooShortRule {
    static func killedTitle(_ service: ECSService, longest: Int, _ timing: Timing) -> String {
        "\(service.serviceName): tasks are stopped by ELB health checks \(longest) s after starting, with a \(timing.grace) s grace period"
    }

    static func latentTitle(_ service: ECSService, _ timing: Timing) -> String {
        "\(service.serviceName): the container needs \(timing.startPeriod ?? 0) s to start, but ECS acts on ELB health checks after "
            + "\(timing.grace + timing.failureWindow) s"
    }

    static func graceEvidence(_ service: ECSService, _ timing: Timing) -> Evidence {
        let set = service.healthCheckGracePeriodSeconds != nil
        return Evidence(service.location + (set ? "/healthCheckGracePeriodSeconds" : ""),
                        "healthCheckGracePeriodSeconds is \(timing.grace)\(set ? "" : " (not set: ECS uses 0)")")
    }

    static func killEvidence(_ kill: Kill, _ timing: Timing) -> Evidence {
        let reason = kill.seconds < timing.neverAnsweredBound
            ? "a target that had once passed its checks could not have been stopped before \(timing.neverAnsweredBound) s"
            : "before the end of its container's startPeriod (\(timing.startPeriod ?? 0) s)"
        return Evidence(kill.task.location + (kill.task.stoppingAt == nil ? "/stoppedAt" : "/stoppingAt"),
                        "task \(kill.task.taskId) was stopped by ELB health checks \(kill.seconds) s after it started: \(reason)")
    }

    static func thresholdEvidence(_ group: TargetGroup, _ timing: Timing) -> Evidence {
        Evidence(group.location, "\(group.name) marks a target unhealthy after \(timing.unhealthyThreshold) failed checks \(timing.interval) s apart "
                 + "(\(timing.failureWindow) s), healthy after \(timing.healthyThreshold)")
    }

    static func startPeriodEvidence(_ container: ContainerDefinition, _ startPeriod: Int) -> Evidence {
        Evidence((container.healthCheckLocation ?? container.location) + "/startPeriod",
                 "container \(container.name) declares startPeriod \(startPeriod) s: it needs that long before its own check counts")
    }

    static func fix(_ target: ServiceTarget, suggestion: (seconds: Int, basis: String)) -> Fix {
        let service = target.service.serviceName
        return Fix(summary: "Set healthCheckGracePeriodSeconds of \(service) to \(suggestion.seconds)",
                   steps: ["ECS ignores ELB health checks for healthCheckGracePeriodSeconds after a task starts; "
                           + "\(suggestion.seconds) s covers \(suggestion.basis).",
                           "The change takes effect without a new deployment. If tasks still fail after the grace period, "
                           + "the application never answers the check: see the target health reason and the application's log.",
                           "Also consider a faster start (smaller image, lazy initialisation) and a lighter health endpoint."],
                   commands: ["aws ecs update-service \(target.serviceArguments) --health-check-grace-period-seconds \(suggestion.seconds)"],
                   terraform: ServiceTerraform.resource(service: service, cluster: target.workload.clusterName,
                                                        ["health_check_grace_period_seconds = \(suggestion.seconds)"]))
    }
}
