/// Docker Hub refused the pull: anonymous or free-tier pull rate limit. The
/// lasting fix is an ECR pull through cache: images then come from
/// `<account>.dkr.ecr.<region>.amazonaws.com/docker-hub/<repository>` (with
/// `library/` for official images), and the role that pulls needs
/// ecr:BatchImportUpstreamImage and ecr:CreateRepository
/// (https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-working.html,
/// https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html).
struct RegistryRateLimitedRule: Rule {
    static let description = RuleDescription(
        id: "registry-rate-limited", title: "Docker Hub pull rate limit reached", category: .image, severity: .high,
        explains: [.registryRateLimited],
        examples: [
            .triggers("429 toomanyrequests", "CannotPullContainerError: inspect image has been retried 1 time(s): httpReaderSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:abc: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.",
                      resources: ["docker.io"], confidence: .likely),
            .quiet("a 5xx is another rule's", "CannotPullContainerError: unexpected status code https://registry-1.docker.io/v2/x/blobs/sha256:1: 503 Service Unavailable"),
        ])

    static let prefix = "docker-hub"

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let container = workload?.container(named: symptom.facts.containerName)
            return NamedCauseDetail(
                title: "Docker Hub rate-limited the pull\(container?.image.map { " of \($0)" } ?? "") (429 Too Many Requests)",
                resources: [.host("docker.io")] + symptom.resourceList,
                fix: Self.fix(container: container, workload: workload, context))
        }
    }

    /// The container's image through the cache, when it is a Docker Hub image.
    static func cachedImage(_ image: String, account: String, region: String) -> String? {
        let reference = ImageReference(image)
        guard reference.registryHost == "docker.io" else { return nil }
        let suffix = reference.digest.map { "@" + $0 } ?? ":" + (reference.tag ?? "latest")
        return "\(account).dkr.ecr.\(region).amazonaws.com/\(prefix)/\(reference.repository)\(suffix)"
    }
}

// MARK: Messages and fixes

extension RegistryRateLimitedRule {
    static func fix(container: ContainerDefinition?, workload: Workload?, _ context: AnalysisContext) -> Fix {
        // Without a region in the input, the commands use the caller's default region (the step says so).
        let region = context.index.region.map { " " + ShellWord.option("--region", $0) } ?? ""
        var commands = [
            "secret=$(aws secretsmanager create-secret --name ecr-pullthroughcache/\(prefix) "
                + #"--secret-string '{"username":"<docker-hub-user>","accessToken":"<docker-hub-access-token>"}' --query ARN --output text"#
                + region + ")",
            "aws ecr create-pull-through-cache-rule --ecr-repository-prefix \(prefix) --upstream-registry-url registry-1.docker.io "
                + "--credential-arn \"$secret\"\(region)",
        ]
        var steps = ["Anonymous pulls are limited per source IP (100 per 6 hours; 200 for a free account); every task behind one NAT gateway shares the limit.",
                     "An ECR pull through cache rule for Docker Hub serves the image from your registry: "
                     + "<account>.dkr.ecr.<region>.amazonaws.com/\(prefix)/<repository>:<tag> (official images keep library/). "
                     + "Its secret must be named ecr-pullthroughcache/... and hold a Docker Hub username and access token.",
                     "Or store Docker Hub credentials in Secrets Manager and set repositoryCredentials.credentialsParameter on the container."]
        if context.index.region == nil {
            steps.append("The cache rule and its secret belong in the cluster's region: add --region to the commands if your default region differs.")
        }
        let account = context.index.accountId ?? workload.flatMap { ARN.account($0.primaryResource) }
        guard let container, let image = container.image, let definition = workload?.taskDefinition, let account, let regionName = context.index.region,
              let cached = cachedImage(image, account: account, region: regionName) else {
            return Fix(summary: summary, steps: steps, commands: commands)
        }
        let grant = definition.executionRoleArn.map { role in
            RolePolicyGrant(roleName: ARN.roleName(role), policyName: "ecs-triage-pull-through-cache",
                            statements: [.init(actions: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                                               resource: "arn:aws:ecr:\(regionName):\(account):repository/\(prefix)/*")])
        }
        let change = TaskDefinitionChange(context.index.definitionUse(definition), [.container(container.name, "image", .string(cached))])
        steps.append("The commands create the rule, let the execution role fill the cache, and point \(container.name) at \(cached).")
        commands += (grant.map { [$0.command] } ?? []) + change.commands
        return Fix(summary: summary, steps: steps, commands: commands, terraform: grant?.terraform)
    }

    static let summary = "Pull through ECR (pull through cache or a copy), or authenticate to Docker Hub with repositoryCredentials"
}
