/// The registry answered with a server error: outside the VPC and the account.
struct RegistryUnavailableRule: Rule {
    static let description = RuleDescription(
        id: "registry-unavailable", title: "Registry answered with a server error", category: .image, severity: .high,
        explains: [.registryUnavailable],
        examples: [
            .triggers("Docker Hub 504", "TaskFailedToStart - CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/yaronlevi/prefect/blobs/sha256:69e5: 504 Gateway Time-out",
                      resources: ["docker.io"], confidence: .likely),
            .quiet("rate limit is another rule's", "429 Too Many Requests - Server message: toomanyrequests:"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            let registry = symptom.facts.service ?? symptom.facts.host ?? "registry"
            return NamedCauseDetail(
                title: "\(registry) answered with a server error while the image was pulled",
                resources: [.host(registry)] + symptom.resourceList,
                fix: Fix(summary: "Retry; for resilience, serve the image from ECR (pull-through cache or a copy) in the task's region",
                         steps: ["A 5xx comes from the registry or a proxy in front of it, not from your VPC: check the registry's status page.",
                                 "ECS retries the pull with new tasks; a service recovers once the registry does.",
                                 "Copy the image to ECR, or use an ECR pull-through cache rule, so deployments do not depend on the public registry."]))
        }
    }
}
