/// A process that does not run as root asks for a port below 1024 (the
/// kernel refuses without CAP_NET_BIND_SERVICE). On Fargate a task can only
/// add SYS_PTRACE to its capabilities (KernelCapabilities.add in botocore's
/// ECS model, data/ecs/2014-11-13/service-2.json), so the port has to move.
struct AppPrivilegedPortRule: Rule {
    static let description = RuleDescription(
        id: "app-privileged-port", title: "A non-root process cannot listen on a port below 1024", category: .runtime,
        severity: .high, explains: [.applicationCrash],
        examples: [
            .triggers("nginx as a non-root user", "2026/12/03 11:41:45 [emerg] 19476#19476: bind() to 0.0.0.0:80 failed (13: Permission denied)",
                      resources: [""], confidence: .likely),
            .triggers("Node EACCES", "Error: listen EACCES: permission denied 0.0.0.0:80", resources: [""], confidence: .likely),
            .quiet("a port already taken is another rule's", "Error: listen EADDRINUSE: address already in use :::80"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.crashFindings(context) { symptom, signature, _ in
            NamedCauseDetail(title: "The application runs as a non-root user and cannot listen on a port below 1024" + CrashWording.printedBy(signature),
                             resources: symptom.resourceList, fix: Self.fix,
                             missingEvidence: [CrashWording.taskDefinitionEvidence("the container's user and port mappings")])
        }
    }
}

// MARK: Messages and fixes

extension AppPrivilegedPortRule {
    static let fix = Fix(
        summary: "Listen on a port of 1024 or above (8080) and map that port",
        steps: ["Ports below 1024 need root or the NET_BIND_SERVICE capability; the image (or the container's user setting) runs "
                + "the process as another user.",
                "Change the application's listen port to 8080 (nginx: listen 8080; the unprivileged nginx images do so), the "
                + "container's portMappings containerPort to the same, and the target group's port and health check with it.",
                "On EC2, linuxParameters.capabilities.add NET_BIND_SERVICE also works; Fargate accepts only SYS_PTRACE there."])
}
