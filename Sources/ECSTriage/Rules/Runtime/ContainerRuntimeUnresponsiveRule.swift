/// The container runtime on the host did not answer in time: the agent's
/// DockerTimeoutError (aws/amazon-ecs-agent@8dfceca6,
/// agent/dockerclient/dockerapi/errors.go).
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
            let instance = context.index.task(symptom.resource)?.containerInstanceArn
            return NamedCauseDetail(
                title: Self.title(symptom.message), resources: symptom.resourceList + (instance.map { [ResourceID.arn($0)] } ?? []),
                fix: Self.fix(fargate: workload?.isFargate == true, cluster: workload?.clusterArn.map(ARN.clusterName), instance: instance))
        }
    }
}

// MARK: Messages and fixes

extension ContainerRuntimeUnresponsiveRule {
    static func title(_ message: String) -> String {
        "The container runtime did not answer in time (\(message.split(separator: ":").first.map(String.init) ?? "timeout"))"
    }

    static func fix(fargate: Bool, cluster: String?, instance: String?) -> Fix {
        let drain = instance.map { arn in
            ["aws ecs update-container-instances-state --cluster \(cluster.map(ShellWord.quoted) ?? "<cluster>") "
             + "--container-instances \(ShellWord.quoted(arn)) --status DRAINING"]
        } ?? []
        return Fix(summary: fargate ? "Retry; if it repeats, open a support case with the task ARN"
                                    : "Relieve or replace the container instance: Docker/containerd is overloaded or its disk is slow",
                   steps: ["On EC2: check the instance's CPU, memory and disk I/O (EBS burst balance), and the Docker daemon and ECS agent logs "
                           + "(/var/log/ecs, journalctl -u docker).",
                           "Too many containers starting at once on one host overload it: spread tasks (placement strategy) or use larger instances.",
                           "Drain and replace an instance that keeps failing"
                           + (drain.isEmpty ? " (update-container-instances-state --status DRAINING)." : ": the command drains it."),
                           "Large images take long to extract: smaller images start faster."],
                   commands: fargate ? [] : drain)
    }
}
