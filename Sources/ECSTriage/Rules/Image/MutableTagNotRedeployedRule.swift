/// A service runs a mutable tag: ECS resolves it to a digest when a deployment
/// starts, so pushing a new image under the tag changes nothing until the next
/// deployment (and deleting the old image breaks replacement tasks).
struct MutableTagNotRedeployedRule: Rule {
    static let description = RuleDescription(
        id: "mutable-tag-not-redeployed", title: "Service runs a mutable image tag", category: .image, severity: .info,
        needs: [.services, .taskDefinitions],
        examples: [
            .triggers("latest tag", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:latest"))),
                resources: ["111122223333.dkr.ecr.us-east-1.amazonaws.com/web:latest"], confidence: .likely),
            .quiet("version tag", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.index.workloads {
            guard let service = workload.service else { continue }
            for container in workload.taskDefinition?.containerDefinitions ?? [] {
                guard let image = container.image else { continue }
                let reference = ImageReference(image)
                guard reference.digest == nil, reference.tag == nil || reference.tag == "latest" else { continue }
                findings.append(Self.description.finding(
                    title: "\(service.serviceName) runs \(image): pushing a new image under this tag does not update running tasks",
                    resources: [.image(image), workload.resource],
                    evidence: [Evidence(container.location + "/image", "container \(container.name) uses the mutable tag \(reference.tag ?? "latest (implicit)")")],
                    fix: Fix(summary: "Deploy immutable tags (a version or commit id) or digests; after pushing to a mutable tag, force a new deployment",
                             steps: ["ECS records the tag's digest when a deployment starts; every task of that deployment, replacements included, runs that digest.",
                                     "Deleting or overwriting that image's digest in the registry makes replacement tasks fail with '@sha256:...: not found'.",
                                     "Tag images with the commit id and register a new task definition revision per release.",
                                     "Consider ECR tag immutability on the repository."],
                             commands: [workload.redeployCommand])))
            }
        }
        return findings
    }
}
