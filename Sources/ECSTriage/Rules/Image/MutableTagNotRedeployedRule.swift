/// A service runs a mutable tag: ECS resolves it to a digest when a deployment
/// starts and every task of the deployment, replacements included, runs that
/// digest (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerImage.html,
/// "Container image resolution"), so pushing a new image under the tag changes
/// nothing until the next deployment. When the running tasks' `imageDigest`
/// differs from the digest ECR's `imageDetails` give the tag now, that is
/// evidence the push did not reach the service; without it, `latest` gets an
/// info reminder.
struct MutableTagNotRedeployedRule: Rule {
    static let description = RuleDescription(
        id: "mutable-tag-not-redeployed", title: "Service runs a mutable image tag", category: .image, severity: .info,
        needs: [.services, .taskDefinitions, .tasks, .ecrImages],
        examples: [
            .triggers("latest tag", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:latest"))),
                resources: ["111122223333.dkr.ecr.us-east-1.amazonaws.com/web:latest"], confidence: .likely),
            .triggers("the running digest is not the one the tag points to now", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:latest")),
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "RUNNING", "startedAt": "2026-11-19T08:00:00Z", "containers": [{"name": "web", "lastStatus": "RUNNING", "imageDigest": "sha256:0a"}]}"#),
                #""imageDetails": [{"registryId": "111122223333", "repositoryName": "web", "imageDigest": "sha256:0a"}, {"registryId": "111122223333", "repositoryName": "web", "imageDigest": "sha256:0b", "imageTags": ["latest"], "imagePushedAt": "2026-11-20T09:00:00Z"}]"#),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("version tag", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()))),
            .quiet("version tag whose running digest is the tag's", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "RUNNING", "containers": [{"name": "web", "lastStatus": "RUNNING", "imageDigest": "sha256:0a"}]}"#),
                #""imageDetails": [{"registryId": "111122223333", "repositoryName": "web", "imageDigest": "sha256:0a", "imageTags": ["1.4.2"]}]"#)),
        ])

    /// The digest the tag points to now, and the running containers on another one.
    struct Drift {
        var current: ECRImageDetail
        var digest: String
        var stale: [(task: ECSTask, container: ContainerState, digest: String)]

        /// Whether the new digest was pushed after every stale task started.
        var pushedAfterStart: Bool {
            guard let pushed = current.imagePushedAt else { return false }
            return stale.allSatisfy { ($0.task.startedAt ?? .infinity) < pushed }
        }
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.index.workloads {
            guard let service = workload.service else { continue }
            for container in workload.taskDefinition?.containerDefinitions ?? [] {
                guard let image = container.image else { continue }
                let reference = ImageReference(image)
                guard reference.digest == nil else { continue }
                if let drift = Self.drift(workload, container: container.name, reference: reference, context.index) {
                    findings.append(Self.description.finding(
                        title: Self.driftTitle(service.serviceName, image: image, drift: drift), severity: .medium,
                        resources: [workload.resource, .image(image)] + drift.stale.map { .arn($0.task.taskArn) },
                        evidence: Self.driftEvidence(container, image: image, drift: drift),
                        fix: Self.driftFix(workload, image: image)))
                } else if reference.tag == nil || reference.tag == "latest" {
                    findings.append(Self.description.finding(
                        title: "\(service.serviceName) runs \(image): pushing a new image under this tag does not update running tasks",
                        resources: [.image(image), workload.resource],
                        evidence: [Self.tagEvidence(container, tag: reference.tag)],
                        fix: Self.reminderFix(workload)))
                }
            }
        }
        return findings
    }

    /// Running tasks whose container runs another digest than the one the tag
    /// now names in the image's own ECR registry.
    static func drift(_ workload: Workload, container: String, reference: ImageReference, _ index: SnapshotIndex) -> Drift? {
        guard reference.isECR else { return nil }
        let tag = reference.tag ?? "latest"
        let images = index.ecrImages(inRepository: reference.repository).filter { $0.registryId == nil || $0.registryId == reference.account }
        guard let current = images.first(where: { $0.imageTags.contains(tag) }), let digest = current.imageDigest else { return nil }
        let stale = workload.tasks.filter { $0.lastStatus?.uppercased() == "RUNNING" }.flatMap { task in
            task.containers.compactMap { state -> (task: ECSTask, container: ContainerState, digest: String)? in
                guard state.name == container, let running = state.imageDigest, running != digest else { return nil }
                return (task, state, running)
            }
        }
        return stale.isEmpty ? nil : Drift(current: current, digest: digest, stale: stale)
    }
}

// MARK: Messages and fixes

extension MutableTagNotRedeployedRule {
    static func driftTitle(_ service: String, image: String, drift: Drift) -> String {
        let running = Array(Set(drift.stale.map(\.digest))).sorted().joined(separator: ", ")
        return "\(service) still runs \(running) of \(image): the tag now points to \(drift.digest)\(drift.pushedAfterStart ? ", pushed since" : "")"
    }

    static func tagEvidence(_ container: ContainerDefinition, tag: String?) -> Evidence {
        Evidence(container.location + "/image", "container \(container.name) uses the mutable tag \(tag ?? "latest (implicit)")")
    }

    static func driftEvidence(_ container: ContainerDefinition, image: String, drift: Drift) -> [Evidence] {
        var evidence = [Evidence(container.location + "/image",
                                 "container \(container.name) uses \(image), a tag ECS resolved to a digest when the deployment started")]
        for stale in drift.stale {
            let started = stale.task.startedAt.map { ", started \(Timestamp.iso($0))" } ?? ""
            evidence.append(Evidence(stale.container.location + "/imageDigest", "running task \(stale.task.taskId) runs \(stale.digest)\(started)"))
        }
        let pushed = drift.current.imagePushedAt.map { ", pushed \(Timestamp.iso($0))" } ?? ""
        let tags = drift.current.imageTags.joined(separator: ", ")
        evidence.append(Evidence(drift.current.location, "ECR now gives \(tags) the digest \(drift.digest)\(pushed)"))
        return evidence
    }

    static let resolutionStep = "ECS records the tag's digest when a deployment starts; every task of that deployment, replacements included, runs that digest."

    static func driftFix(_ workload: Workload, image: String) -> Fix {
        Fix(summary: "Start a new deployment so the tasks pull what the tag names now: update-service --force-new-deployment",
            steps: [resolutionStep,
                    "A new deployment resolves the tag again and replaces the tasks (respecting the deployment configuration).",
                    "To make releases explicit, tag images with the commit id and register a new task definition revision per release; "
                    + "consider ECR tag immutability."],
            commands: workload.redeployCommand.map { [$0] } ?? [])
    }

    static func reminderFix(_ workload: Workload) -> Fix {
        Fix(summary: "Deploy immutable tags (a version or commit id) or digests; after pushing to a mutable tag, force a new deployment",
            steps: [resolutionStep,
                    "Deleting or overwriting that image's digest in the registry makes replacement tasks fail with '@sha256:...: not found'.",
                    "Tag images with the commit id and register a new task definition revision per release.",
                    "Consider ECR tag immutability on the repository."],
            commands: workload.redeployCommand.map { [$0] } ?? [])
    }
}
