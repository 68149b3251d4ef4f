/// An essential container exited and nothing more specific explains why:
/// decode the exit code and say where its logs are.
struct ContainerExitedRule: Rule {
    static let description = RuleDescription(
        id: "container-exited", title: "Essential container exited", category: .runtime, kind: .symptom, severity: .high,
        explains: [.containerExited, .containerStartFailed],
        examples: [
            .triggers("essential container exited", "STOPPED (Essential container in task exited)", resources: [""]),
            .triggers("exit code 1 with the log stream", Fixture.snapshot(
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "launchType": "FARGATE", "lastStatus": "STOPPED", "stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited", "containers": [{"name": "web", "exitCode": 1, "lastStatus": "STOPPED"}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: ["web"]),
            .quiet("OOM is another rule's", "OutOfMemoryError: Container killed due to memory usage"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.unexplainedSymptoms(of: Set(Self.description.explains)).map { symptom in
            let workload = context.index.workload(for: symptom.resource)
            let container = workload?.container(named: symptom.facts.containerName)
            let name = symptom.facts.containerName ?? container?.name
            let code = symptom.facts.exitCode
            var steps: [String] = []
            if let code { steps.append("Exit code \(code): \(Self.meaning(of: code))") }
            var commands: [String] = []
            if let container, container.logDriver == "awslogs", let group = container.logOption("awslogs-group") {
                let prefix = container.logOption("awslogs-stream-prefix")
                let taskId = symptom.resource.map(ARN.lastComponent) ?? "<task-id>"
                if let prefix {
                    commands.append("aws logs tail \(group) --log-stream-names \(prefix)/\(container.name)/\(taskId) --since 1h")
                } else {
                    commands.append("aws logs tail \(group) --since 1h")
                }
                steps.append("The container's output is in CloudWatch Logs group \(group); its last lines usually say why it stopped.")
            } else {
                steps.append("Read the container's logs (its logConfiguration); without a log driver its output is lost: add awslogs.")
            }
            if symptom.kind == .containerStartFailed {
                steps.append("The container runtime could not start the container: check mounts (volumes, EFS), the user, and the logging driver named in the message.")
            }
            steps.append("Run the image locally with the same command, environment and memory limit to reproduce.")
            return Self.description.finding(
                title: symptom.kind == .containerStartFailed ? "Container \(name ?? "") failed to start" : "Essential container \(name ?? "") exited\(code.map { " with code \($0)" } ?? "")",
                basis: .symptomText, explains: [symptom], resources: (name.map { [.container($0)] } ?? []) + symptom.resourceList,
                evidence: [symptom.evidence],
                fix: Fix(summary: "Find why the process exited from its logs; the exit code narrows it down", steps: steps, commands: commands),
                missingEvidence: container == nil ? [MissingEvidence(why: "the container's exit code, log configuration and command",
                                                                     command: "aws ecs describe-tasks --cluster <cluster> --tasks \(symptom.resource.map(ARN.lastComponent) ?? "<task-id>") --query 'tasks[].containers[].[name,exitCode,reason]'")] : [])
        }
    }

    static func meaning(of code: Int) -> String {
        switch code {
        case 0: return "the process ended normally; an essential container must keep running (a one-off command, or a server that daemonised itself into the background)."
        case 1: return "the application failed (unhandled exception, bad configuration, missing environment variable): see its logs."
        case 126: return "the command is not executable (permissions)."
        case 127: return "the command was not found in the image."
        case 137: return "killed by SIGKILL: out of memory, or it did not stop within stopTimeout after SIGTERM."
        case 139: return "segmentation fault (SIGSEGV): often a native library built for another platform or libc."
        case 143: return "terminated by SIGTERM: ECS stopped it (deployment, scale-in, failed health check)."
        case 255: return "the entrypoint failed, or the exit status was out of range."
        default: return code > 128 ? "killed by signal \(code - 128)." : "an application-specific error: see its logs."
        }
    }
}
