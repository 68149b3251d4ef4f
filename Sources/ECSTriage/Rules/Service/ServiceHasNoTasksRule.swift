import Foundation

/// A service that wants tasks and has none, running or pending, while its
/// event history (which the input must hold) shows no failure and no failed
/// task says why. That is never "no problem": the finding says so and names
/// the commands whose output would settle it. `desiredCount`, `runningCount` and
/// `pendingCount` are the Service members of botocore's ECS model
/// (data/ecs/2014-11-13/service-2.json).
struct ServiceHasNoTasksRule: Rule {
    static let description = RuleDescription(
        id: "service-has-no-tasks", title: "Service has no running or pending task and nothing says why", category: .service,
        kind: .symptom, severity: .high, needs: [.services, .tasks],
        examples: [
            .triggers("desired 2, running 0, pending 0, only routine events", Fixture.snapshot(
                Fixture.array("services", service(desired: 2, running: 0, pending: 0, events: ["(service web) has started 2 tasks: (task 0f3c9d) (task 1a2b3c)."]))),
                resources: [Fixture.serviceArn("web")], confidence: .possible),
            .quiet("tasks pending", Fixture.snapshot(
                Fixture.array("services", service(desired: 2, running: 0, pending: 2, events: ["(service web) has started 2 tasks: (task 0f3c9d) (task 1a2b3c)."])))),
            .quiet("no event history in the input", Fixture.snapshot(
                Fixture.array("services", service(desired: 2, running: 0, pending: 0)))),
            .quiet("scaled to zero", Fixture.snapshot(
                Fixture.array("services", service(desired: 0, running: 0, pending: 0, events: ["(service web) has stopped 2 running tasks: (task 0f3c9d) (task 1a2b3c)."])))),
            .quiet("an event says why", Fixture.snapshot(
                Fixture.array("services", service(desired: 1, running: 0, pending: 0, events: [
                    "(service web) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster."])))),
            .quiet("a stopped task says why", Fixture.snapshot(
                Fixture.array("services", service(desired: 1, running: 0, pending: 0, events: ["(service web) has started 1 tasks: (task t1)."])),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)))),
        ])

    /// The fixture service `web` with these counts.
    static func service(desired: Int, running: Int, pending: Int, events: [String] = []) -> String {
        Fixture.service("web", events: events, extraJSON: #", "status": "ACTIVE", "runningCount": \#(running), "pendingCount": \#(pending)"#)
            .replacingOccurrences(of: #""desiredCount": 1"#, with: #""desiredCount": \#(desired)"#)
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.index.workloads.compactMap { workload -> Finding? in
            guard let service = workload.service, !service.events.isEmpty, (service.status ?? "ACTIVE").uppercased() == "ACTIVE",
                  let desired = service.desiredCount, desired > 0, service.runningCount == 0, service.pendingCount == 0,
                  !workload.tasks.contains(where: { ["RUNNING", "PENDING", "PROVISIONING", "ACTIVATING"].contains($0.lastStatus?.uppercased() ?? "") }),
                  EventHistory.failuresOnResources(workload, context).isEmpty else { return nil }
            var evidence = [Evidence(service.location + "/runningCount", Self.countsLine(desired))]
            if let event = service.events.first {
                evidence.append(Evidence(event.location + "/message", Self.latestEventLine(event)))
            }
            for deployment in service.deployments where deployment.status?.uppercased() == "PRIMARY" {
                evidence.append(Evidence(deployment.location, Self.deploymentLine(deployment)))
            }
            let cluster = workload.clusterName
            return Self.description.finding(
                title: Self.title(service.serviceName, desired: desired), basis: .undetermined, resources: [workload.resource],
                evidence: evidence, fix: Self.fix(cluster: cluster, service: service.serviceName, stoppedTasksKnown: !workload.tasks.isEmpty),
                missingEvidence: Self.missingEvidence(cluster: cluster, service: service, stoppedTasksKnown: !workload.tasks.isEmpty,
                                                      startedTasks: Self.startedTasks(in: service.events.first, known: workload.resourceIds)))
        }
    }
}

// MARK: Messages and fixes

extension ServiceHasNoTasksRule {
    static func title(_ service: String, desired: Int) -> String {
        "\(service) wants \(desired) task\(desired == 1 ? "" : "s") but has none running or pending; no event or stopped task in the input says why"
    }

    static func countsLine(_ desired: Int) -> String {
        "desiredCount \(desired), runningCount 0, pendingCount 0"
    }

    static func latestEventLine(_ event: ServiceEvent) -> String {
        "latest service event\(event.createdAt.map { " (\(EventHistory.time($0)))" } ?? ""): \(event.message)"
    }

    static func deploymentLine(_ deployment: Deployment) -> String {
        "primary deployment \(deployment.id ?? "") of \(deployment.taskDefinition.map(ARN.lastComponent) ?? "its revision"): rollout "
            + "\(deployment.rolloutState ?? "state not reported"), \(deployment.failedTasks ?? 0) failed tasks"
    }

    /// The task ids a "has started N tasks: (task a) (task b)." event names that the input does not hold.
    static func startedTasks(in event: ServiceEvent?, known: Set<String>) -> [String] {
        guard let message = event?.message, message.contains("has started") else { return [] }
        let knownIds = Set(known.map(ARN.lastComponent))
        return message.components(separatedBy: "(task ").dropFirst().compactMap { part in
            let id = String(part.prefix { $0 != ")" })
            return id.isEmpty || knownIds.contains(id) || !id.allSatisfy({ $0.isLetter || $0.isNumber }) ? nil : id
        }
    }

    static func fix(cluster: String, service: String, stoppedTasksKnown: Bool) -> Fix {
        Fix(summary: "Find why \(service) starts no task: its events, its stopped tasks, then what changed its desired count",
            steps: ["ECS writes a service event when it cannot place a task and keeps a stopped task's reason for about an hour: "
                    + "read them first (the commands below).",
                    "If a configuration finding of this report names a defect on this service's path, that is the likely reason; "
                    + "these commands confirm it.",
                    "No event and no stopped task: the scheduler may be backing off after repeated failures, the cluster may have no "
                    + "capacity, or the desired count was just raised (auto scaling, a deployment).",
                    "Run ecs-triage again with the output of these commands to name the cause."],
            commands: [describeEvents(cluster: cluster, service: service)]
                + (stoppedTasksKnown ? [EventHistory.describeStoppedTasks(cluster: cluster, service: service)] : []))
    }

    static func describeEvents(cluster: String, service: String) -> String {
        "aws ecs describe-services --cluster \(ShellWord.quoted(cluster)) --services \(ShellWord.quoted(service)) "
            + "--query 'services[0].events[:20].[createdAt,message]'"
    }

    static func missingEvidence(cluster: String, service: ECSService, stoppedTasksKnown: Bool, startedTasks: [String]) -> [MissingEvidence] {
        var missing: [MissingEvidence] = []
        if !startedTasks.isEmpty {
            missing.append(MissingEvidence(why: "the tasks the latest event started, which the input does not hold, say why they stopped",
                                           command: "aws ecs describe-tasks --cluster \(ShellWord.quoted(cluster)) --tasks \(startedTasks.joined(separator: " ")) "
                                               + "--query 'tasks[].[taskArn,lastStatus,stopCode,stoppedReason,containers[].[name,exitCode,reason]]'"))
        }
        if !stoppedTasksKnown {
            missing.append(MissingEvidence(why: "the stopped tasks of the service say why they stopped (kept about an hour)",
                                           command: EventHistory.describeStoppedTasks(cluster: cluster, service: service.serviceName)))
        }
        missing.append(MissingEvidence(why: "auto scaling activities show whether the desired count changed and what placing the tasks returned",
                                       command: "aws application-autoscaling describe-scaling-activities --service-namespace ecs --resource-id "
                                           + ShellWord.quoted("service/\(cluster)/\(service.serviceName)")))
        missing.append(MissingEvidence(why: "the cluster's capacity: registered container instances and capacity providers",
                                       command: "aws ecs describe-clusters --clusters \(ShellWord.quoted(cluster)) "
                                           + "--query 'clusters[0].[registeredContainerInstancesCount,capacityProviders,defaultCapacityProviderStrategy]'"))
        return missing
    }
}
