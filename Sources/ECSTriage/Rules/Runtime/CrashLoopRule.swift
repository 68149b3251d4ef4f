/// A service restarting the same failure: at least three of its tasks
/// started and stopped soon after, for the same reason (the same stopped
/// reason, stopping container and exit code). The loop is what the history
/// shows; why each task stops is the finding that explains their reason,
/// which this one never outranks (a symptom finding, medium). It explains
/// none of the tasks' symptoms: each still gets the finding that interprets
/// it, the fallback for an unrecognised reason included. Three is the
/// deployment circuit breaker's smallest failure threshold
/// (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeploymentCircuitBreaker.html).
struct CrashLoopRule: Rule {
    static let description = RuleDescription(
        id: "crash-loop", title: "Service tasks keep stopping for the same reason", category: .runtime, kind: .symptom, severity: .medium,
        needs: [.services, .tasks],
        examples: [
            .triggers("three tasks exit 1 within four minutes", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", exitedTask("t1", created: "10:00:00", stopped: "10:00:40"), exitedTask("t2", created: "10:01:30", stopped: "10:02:05"),
                              exitedTask("t3", created: "10:03:10", stopped: "10:03:50")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("two failures are not a loop", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", exitedTask("t1", created: "10:00:00", stopped: "10:00:40"), exitedTask("t2", created: "10:01:30", stopped: "10:02:05")))),
            .quiet("tasks that ran for hours before stopping", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", exitedTask("t1", created: "01:00:00", stopped: "03:00:40"), exitedTask("t2", created: "03:01:30", stopped: "06:02:05"),
                              exitedTask("t3", created: "06:03:10", stopped: "09:03:50")))),
            .quiet("tasks replaced by a deployment", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", scaledInTask("t1"), scaledInTask("t2"), scaledInTask("t3")))),
        ])

    static func exitedTask(_ id: String, created: String, stopped: String) -> String {
        #"{"taskArn": "\#(Fixture.taskArn(id))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited", "createdAt": "2026-11-20T\#(created)Z", "startedAt": "2026-11-20T\#(created)Z", "stoppedAt": "2026-11-20T\#(stopped)Z", "containers": [{"name": "web", "exitCode": 1, "lastStatus": "STOPPED"}]}"#
    }

    static func scaledInTask(_ id: String) -> String {
        #"{"taskArn": "\#(Fixture.taskArn(id))", "clusterArn": "\#(Fixture.cluster)", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stopCode": "ServiceSchedulerInitiated", "stoppedReason": "Scaling activity initiated by (deployment ecs-svc/5169280574093855189)", "createdAt": "2026-11-20T10:00:00Z", "startedAt": "2026-11-20T10:00:20Z", "stoppedAt": "2026-11-20T10:05:00Z"}"#
    }

    /// A loop needs this many tasks stopped for one reason.
    static let minimumTasks = 3
    /// Tasks that lived longer than this did not crash at start.
    static let maximumLifetime = 15 * 60

    /// Stop codes of tasks AWS stopped (Spot reclaim, Fargate retirement): not the application's failure.
    private static let stoppedByAWS: Set<SymptomKind> = [.spotInterruption, .taskRetirement]

    private struct Stop {
        var task: ECSTask
        var start: Double
        var stop: Double
        var failures: [Symptom]
        var seconds: Int { Int((stop - start).rounded()) }
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.index.workloads.filter { $0.service != nil }.flatMap { workload in loops(in: workload, context) }
    }

    private func loops(in workload: Workload, _ context: AnalysisContext) -> [Finding] {
        let failures = EventHistory.failuresByTask(workload, context)
        var order: [String] = []
        var groups: [String: [Stop]] = [:]
        for task in workload.tasks {
            // A crash needs a start: tasks that never started (image pull, secrets, network) are deployment-failing's.
            guard task.startedAt != nil, let symptoms = failures[task.taskArn], !symptoms.contains(where: { Self.stoppedByAWS.contains($0.kind) }),
                  let (start, stop) = EventHistory.lifetime(of: task), stop - start <= Double(Self.maximumLifetime) else { continue }
            let key = Self.signature(task, workload)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(Stop(task: task, start: start, stop: stop, failures: symptoms))
        }
        return order.compactMap { key -> Finding? in
            let stops = groups[key]!.sorted { $0.start < $1.start }
            guard stops.count >= Self.minimumTasks else { return nil }
            return finding(workload, stops, context)
        }
    }

    /// The same failure: stopped reason (ids and numbers blanked), the container that stopped the task and its exit code.
    private static func signature(_ task: ECSTask, _ workload: Workload) -> String {
        let container = SymptomExtractor.stoppingContainer(of: task, definition: definition(of: task, workload))
        return [SymptomExtractor.shape(of: MessageClassifier.normalize(task.stoppedReason ?? task.stopCode ?? "")),
                container?.name ?? "", container?.exitCode.map(String.init) ?? ""].joined(separator: "|")
    }

    /// The workload's definition when the task runs that revision (a deployment's old tasks may run another).
    private static func definition(of task: ECSTask, _ workload: Workload) -> TaskDefinition? {
        workload.taskDefinition.flatMap { $0.taskDefinitionArn == task.taskDefinitionArn ? $0 : nil }
    }

    private func finding(_ workload: Workload, _ stops: [Stop], _ context: AnalysisContext) -> Finding {
        let first = stops[0].task
        let container = SymptomExtractor.stoppingContainer(of: first, definition: Self.definition(of: first, workload))
        let reason = Self.reason(first, container: container)
        let span = Int((stops.map(\.stop).max()! - stops[0].start).rounded())
        let longest = stops.map(\.seconds).max()!
        let failures = stops.flatMap(\.failures)
        var evidence = stops.prefix(5).map { stop in
            Evidence(stop.task.location + (stop.task.stoppedAt == nil ? "/stoppingAt" : "/stoppedAt"), Self.stopLine(stop.task, start: stop.start, seconds: stop.seconds))
        }
        if stops.count > 5 { evidence.append(Evidence(workload.service!.location, "and \(stops.count - 5) more tasks stopped the same way")) }
        let cluster = workload.clusterName
        let service = workload.service!.serviceName
        let logs = workload.container(named: container?.name).flatMap { ContainerLogCommands($0, taskArn: first.taskArn, startedAt: first.startedAt) }
        return Self.description.finding(
            title: Self.title(service, count: stops.count, span: span, reason: reason),
            resources: [workload.resource] + stops.map { .arn($0.task.taskArn) },
            evidence: evidence,
            fix: Self.fix(service: service, cluster: cluster, count: stops.count, longest: longest, reason: reason,
                          symptomIds: failures.map(\.id).uniqued(), logs: logs))
    }
}

// MARK: Messages and fixes

extension CrashLoopRule {
    /// `Essential container in task exited (web exited 1)`.
    static func reason(_ task: ECSTask, container: ContainerState?) -> String {
        let text = task.stoppedReason ?? task.stopCode ?? "stopped"
        guard let name = container?.name, let code = container?.exitCode else { return text }
        return "\(text) (\(name) exited \(code))"
    }

    static func title(_ service: String, count: Int, span: Int, reason: String) -> String {
        "\(service) is in a crash loop: \(count) tasks started and stopped within \(EventHistory.duration((span + 59) / 60 * 60)), each with "
            + "\"\(reason)\""
    }

    static func stopLine(_ task: ECSTask, start: Double, seconds: Int) -> String {
        "task \(task.taskId) launched \(EventHistory.time(start)), stopped \(EventHistory.duration(seconds)) later"
    }

    static func fix(service: String, cluster: String, count: Int, longest: Int, reason: String, symptomIds: [String],
                    logs: ContainerLogCommands?) -> Fix {
        var steps = ["Every replacement task fails the same way within \(EventHistory.duration(longest)) of its launch: the service scheduler "
                     + "keeps starting new ones (backing off between attempts), so the loop lasts until the cause is fixed.",
                     "The cause is the finding that explains \(symptomIds.prefix(3).joined(separator: ", ")) (\(reason)); fix it there, "
                     + "then deploy again."]
        if logs != nil { steps.append("The application's last lines before each exit are in its log stream.") }
        steps.append("With the deployment circuit breaker (rollback on), a failing revision stops after a few failed tasks and returns to the last working one.")
        return Fix(summary: "Fix why each task stops (\(reason)); \(count) restarts have not", steps: steps,
                   commands: [EventHistory.describeStoppedTasks(cluster: cluster, service: service)] + (logs?.commands ?? []))
    }
}
