/// The container runtime on the host did not answer in time.
struct ContainerRuntimeUnresponsiveRule: Rule {
    static let description = RuleDescription(
        id: "container-runtime-unresponsive", title: "Container runtime did not answer in time", category: .runtime,
        severity: .high, explains: [.runtimeUnresponsive],
        examples: [
            .triggers("DockerTimeoutError", "DockerTimeoutError: Could not transition to created; timed out after waiting 4m0s", resources: [""], confidence: .likely),
            .quiet("a pull timeout is network", "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:1: failed to do request: Head \"https://registry-1.docker.io/v2/library/nginx/manifests/1\": dial tcp 3.1.1.1:443: i/o timeout"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            NamedCauseDetail(
                title: "The container runtime did not answer in time (\(symptom.message.split(separator: ":").first.map(String.init) ?? "timeout"))",
                resources: symptom.resourceList,
                fix: Fix(summary: workload?.isFargate == true ? "Retry; if it repeats, open a support case with the task ARN" : "Relieve or replace the container instance: Docker/containerd is overloaded or its disk is slow",
                         steps: ["On EC2: check the instance's CPU, memory and disk I/O (EBS burst balance), and the Docker daemon and ECS agent logs (/var/log/ecs, journalctl -u docker).",
                                 "Too many containers starting at once on one host overload it: spread tasks (placement strategy) or use larger instances.",
                                 "Drain and replace an instance that keeps failing: aws ecs update-container-instances-state --status DRAINING.",
                                 "Large images take long to extract: smaller images start faster."]))
        }
    }
}
