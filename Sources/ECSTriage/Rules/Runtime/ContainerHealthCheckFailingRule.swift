/// The container's own health check (not the load balancer's) keeps
/// failing. The command must start with CMD (run directly) or CMD-SHELL (run
/// by the container's default shell) (HealthCheck.command in botocore's ECS
/// model, data/ecs/2014-11-13/service-2.json).
struct ContainerHealthCheckFailingRule: Rule {
    static let description = RuleDescription(
        id: "container-health-check-failing", title: "Container health check failing", category: .runtime,
        severity: .high, explains: [.containerHealthCheckFailed], needs: [.taskDefinitions],
        examples: [
            .triggers("stopped reason", "Task failed container health checks", resources: [""], confidence: .likely),
            .triggers("curl in an alpine image", Fixture.snapshot(
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Task failed container health checks", "containers": [{"name": "web", "exitCode": 143, "healthStatus": "UNHEALTHY"}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "node:20-alpine", extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "retries": 3}"#))),
                resources: ["web"], confidence: .confirmed),
            .triggers("shell operators in the exec form", Fixture.snapshot(
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Task failed container health checks", "containers": [{"name": "web", "exitCode": 143, "healthStatus": "UNHEALTHY"}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD", "wget", "-qO-", "http://localhost:8080/health", "||", "exit", "1"]}"#))),
                resources: ["web"], confidence: .confirmed),
            .quiet("ELB health checks are another rule's", "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/abc)"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            // A check that passed before it failed has a working command: health-check-kills-running-tasks says what failed.
            if HealthCheckKillsRunningTasksRule.killedAfterPassing(context.index.task(symptom.resource), workload) { return nil }
            let container = Self.checkedContainer(workload?.taskDefinition, task: context.index.task(symptom.resource))
            let corrected = container.flatMap(Self.correctedCommand)
            let change = container.flatMap { container in
                corrected.map { command in
                    TaskDefinitionChange(context.index.definitionUse(workload!.taskDefinition!),
                                         [.container(container.name, "healthCheck.command", .array(command.map(JSONValue.string)))])
                }
            }
            return NamedCauseDetail(
                title: Self.title(container?.name), resources: (container.map { [.container($0.name)] } ?? []) + symptom.resourceList,
                confirmingEvidence: container.map(Self.problems) ?? [],
                // A CPU pinned at its limit makes a check time out under load, whatever its command.
                supportingEvidence: MetricEvidence.sustainedCPU(workload, context.index).map { [$0] } ?? [],
                fix: Self.fix(corrected: corrected, change: change, definition: workload?.taskDefinition),
                missingEvidence: container == nil ? [Self.definitionEvidence(workload)] : [])
        }
    }

    /// The container the task reports unhealthy, else the first with a health check.
    static func checkedContainer(_ definition: TaskDefinition?, task: ECSTask?) -> ContainerDefinition? {
        guard let definition else { return nil }
        let unhealthy = task?.containers.first { $0.healthStatus?.uppercased() == "UNHEALTHY" }?.name
        return definition.containerDefinitions.first { $0.name == unhealthy && !$0.healthCheckCommand.isEmpty }
            ?? definition.containerDefinitions.first { !$0.healthCheckCommand.isEmpty }
    }

    /// The command rewritten for a shell, when its form is what is wrong: shell
    /// operators in the exec form (CMD), or no CMD/CMD-SHELL first.
    static func correctedCommand(_ container: ContainerDefinition) -> [String]? {
        let command = container.healthCheckCommand
        guard let first = command.first else { return nil }
        if first == "CMD", Self.hasShellOperators(command.dropFirst().joined(separator: " ")) {
            return ["CMD-SHELL", command.dropFirst().joined(separator: " ")]
        }
        if first != "CMD", first != "CMD-SHELL" { return ["CMD-SHELL", command.joined(separator: " ")] }
        return nil
    }

    static func hasShellOperators(_ line: String) -> Bool {
        line.contains("||") || line.contains("&&") || line.contains("|")
    }

    /// What in a health check is likely wrong, as evidence.
    static func problems(_ container: ContainerDefinition) -> [Evidence] {
        let location = (container.healthCheckLocation ?? container.location) + "/command"
        let command = container.healthCheckCommand
        var found: [Evidence] = []
        if let first = command.first, first != "CMD", first != "CMD-SHELL" {
            found.append(Evidence(location, "the command starts with \"\(first)\", not CMD or CMD-SHELL"))
        }
        let line = command.dropFirst().joined(separator: " ")
        if command.first == "CMD", hasShellOperators(line) {
            found.append(Evidence(location, "CMD runs without a shell, so the shell operators in \"\(line)\" are passed as arguments: use CMD-SHELL"))
        }
        let image = container.image?.lowercased() ?? ""
        if line.contains("curl"), ["alpine", "slim", "distroless", "busybox"].contains(where: image.contains) {
            found.append(Evidence(location, "the check runs curl, which \(container.image ?? "the image") usually does not include"))
        }
        return found
    }
}

// MARK: Messages and fixes

extension ContainerHealthCheckFailingRule {
    static func title(_ container: String?) -> String {
        "The health check of \(container.map { "container \($0)" } ?? "a container") keeps failing, so ECS replaces the task"
    }

    static func definitionEvidence(_ workload: Workload?) -> MissingEvidence {
        let revision = (workload?.service?.taskDefinition ?? workload?.tasks.first?.taskDefinitionArn).map { ShellWord.quoted(ARN.lastComponent($0)) }
        return MissingEvidence(why: "the container's healthCheck command and timing",
                               command: "aws ecs describe-task-definition --task-definition \(revision ?? "<family:revision>") "
                                   + "--query 'taskDefinition.containerDefinitions[].[name,healthCheck]'")
    }

    static func fix(corrected: [String]?, change: TaskDefinitionChange?, definition: TaskDefinition?) -> Fix {
        var steps = ["healthCheck.command must start with CMD (exec form) or CMD-SHELL (run by /bin/sh); shell operators like || need CMD-SHELL.",
                     "The tool it runs (curl, wget) must exist in the image: slim, alpine and distroless images often lack curl.",
                     "Give slow starters a startPeriod (up to 300 seconds) so early failures do not count.",
                     "Test it: docker run <image> then docker exec <container> sh -c '<command>'; echo $?"]
        let summary = "Make the healthCheck command succeed in the container: right tool, right form, enough startPeriod"
        guard let corrected, let change else { return Fix(summary: summary, steps: steps) }
        steps.append("The commands set the command to \(corrected) and keep its timing.")
        return Fix(summary: summary, steps: steps, change: change, definition: definition)
    }
}
