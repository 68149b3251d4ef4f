/// Docker Hub refused the pull: anonymous or free-tier pull rate limit.
struct RegistryRateLimitedRule: Rule {
    static let description = RuleDescription(
        id: "registry-rate-limited", title: "Docker Hub pull rate limit reached", category: .image, severity: .high,
        explains: [.registryRateLimited],
        examples: [
            .triggers("429 toomanyrequests", "CannotPullContainerError: inspect image has been retried 1 time(s): httpReaderSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:abc: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.",
                      resources: ["docker.io"], confidence: .likely),
            .quiet("a 5xx is another rule's", "CannotPullContainerError: unexpected status code https://registry-1.docker.io/v2/x/blobs/sha256:1: 503 Service Unavailable"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let image = workload?.container(named: symptom.facts.containerName)?.image
            return NamedCauseDetail(
                title: "Docker Hub rate-limited the pull\(image.map { " of \($0)" } ?? "") (429 Too Many Requests)",
                resources: [.host("docker.io")] + symptom.resourceList,
                fix: Fix(summary: "Pull through ECR (pull-through cache or a copy), or authenticate to Docker Hub with repositoryCredentials",
                         steps: ["Anonymous pulls are limited per source IP (100 per 6 hours; 200 for a free account); every task behind one NAT gateway shares the limit.",
                                 "Create an ECR pull-through cache rule for Docker Hub and reference <account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<image>.",
                                 "Or store Docker Hub credentials in Secrets Manager and set repositoryCredentials.credentialsParameter on the container."],
                         commands: ["aws ecr create-pull-through-cache-rule --ecr-repository-prefix docker-hub --upstream-registry-url registry-1.docker.io --credential-arn <arn of a secret named ecr-pullthroughcache/docker-hub with username and accessToken> --region \(context.region)"]))
        }
    }
}
