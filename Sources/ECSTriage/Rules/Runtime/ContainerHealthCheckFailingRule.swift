/// The container's own health check (not the load balancer's) keeps failing.
struct ContainerHealthCheckFailingRule: Rule {
    static let description = RuleDescription(
        id: "container-health-check-failing", title: "Container health check failing", category: .runtime,
        severity: .high, explains: [.containerHealthCheckFailed], needs: [.taskDefinitions],
        examples: [
            .triggers("stopped reason", "Task failed container health checks", resources: [""], confidence: .likely),
            .triggers("curl in an alpine image", Fixture.snapshot(
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Task failed container health checks", "containers": [{"name": "web", "exitCode": 143}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "node:20-alpine", extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "retries": 3}"#))),
                resources: ["web"], confidence: .confirmed),
            .quiet("ELB health checks are another rule's", "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/abc)"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let container = workload?.taskDefinition?.containerDefinitions.first { !$0.healthCheckCommand.isEmpty }
            let evidence = container.map(Self.problems) ?? []
            return NamedCauseDetail(
                title: "The health check of container \(container?.name ?? "") keeps failing, so ECS replaces the task",
                resources: (container.map { [.container($0.name)] } ?? []) + symptom.resourceList, confirmingEvidence: evidence,
                fix: Fix(summary: "Make the healthCheck command succeed in the container: right tool, right form, enough startPeriod",
                         steps: ["healthCheck.command must start with CMD (exec form) or CMD-SHELL (run by /bin/sh); shell operators like || need CMD-SHELL.",
                                 "The tool it runs (curl, wget) must exist in the image: slim, alpine and distroless images often lack curl.",
                                 "Give slow starters a startPeriod (up to 300 seconds) so early failures do not count.",
                                 "Test it: docker run <image> then docker exec <container> sh -c '<command>'; echo $?"],
                         commands: [],
                         terraform: "healthCheck = {\n  command     = [\"CMD-SHELL\", \"wget -qO- http://localhost:8080/health || exit 1\"]\n  startPeriod = 60\n}"),
                missingEvidence: container == nil ? [MissingEvidence(why: "the container's healthCheck command and timing", command: "aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].healthCheck'")] : [])
        }
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
        if command.first == "CMD", line.contains("||") || line.contains("&&") || line.contains("|") {
            found.append(Evidence(location, "CMD runs without a shell, so the shell operators in \"\(line)\" are passed as arguments: use CMD-SHELL"))
        }
        let image = container.image?.lowercased() ?? ""
        if line.contains("curl"), ["alpine", "slim", "distroless", "busybox"].contains(where: image.contains) {
            found.append(Evidence(location, "the check runs curl, which \(container.image ?? "the image") usually does not include"))
        }
        return found
    }
}
