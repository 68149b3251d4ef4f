/// Two processes of one network namespace want the same port: in awsvpc
/// mode (every Fargate task) all containers of a task share one network
/// stack (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html),
/// so a sidecar and the application cannot both listen on 80; or the
/// image starts the server twice (its entry point and the command).
struct AppPortInUseRule: Rule {
    static let description = RuleDescription(
        id: "app-port-in-use", title: "The application's port is already in use inside the task", category: .runtime,
        severity: .high, explains: [.applicationCrash],
        examples: [
            .triggers("nginx bind failure", "2026/12/03 11:41:37 [emerg] 18955#18955: bind() to 0.0.0.0:80 failed (98: Address already in use)",
                      resources: [""], confidence: .likely),
            .triggers("Node EADDRINUSE", "Error: listen EADDRINUSE: address already in use :::36867", resources: [""], confidence: .likely),
            .quiet("a bind that needs root is another rule's", "Error: listen EACCES: permission denied 0.0.0.0:80"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.crashFindings(context) { symptom, signature, _ in
            NamedCauseDetail(title: Self.title(signature), resources: symptom.resourceList, fix: Self.fix(signature),
                             missingEvidence: [CrashWording.taskDefinitionEvidence("the task's containers and their ports")])
        }
    }
}

// MARK: Messages and fixes

extension AppPortInUseRule {
    static func title(_ signature: CrashSignature) -> String {
        "The application could not listen: its port is already in use" + CrashWording.printedBy(signature)
    }

    static func fix(_ signature: CrashSignature) -> Fix {
        Fix(summary: "One listener per port across the task's containers",
            steps: ["In awsvpc mode (every Fargate task) the containers of a task share one network namespace: two of them cannot "
                    + "listen on the same port. Move one (its listen setting and its portMappings containerPort together, and the "
                    + "target group's port if it is the one behind the load balancer).",
                    "If only one container listens there, the image starts the server twice: the entry point script starts it and "
                    + "the command starts it again, or a process manager and the command both do.",
                    "In bridge mode on EC2 with a fixed hostPort, two tasks on one instance collide on the host instead: use hostPort 0 "
                    + "(dynamic) behind the load balancer."])
    }
}
