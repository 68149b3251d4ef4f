/// The image reference names a repository, tag or digest that does not exist.
struct ImageNotFoundRule: Rule {
    static let description = RuleDescription(
        id: "image-not-found", title: "Image, tag or repository not found", category: .image, severity: .critical,
        explains: [.imageNotFound], needs: [.taskDefinitions, .ecrRepositories, .ecrImages],
        examples: [
            .triggers("containerd: ECR tag not found", "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.3: 111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.3: not found",
                      resources: ["111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.3"], confidence: .likely),
            .triggers("tag absent from describe-images", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                #""imageDetails": [{"registryId": "111122223333", "repositoryName": "web", "imageDigest": "sha256:aa", "imageTags": ["1.4.1"]}]"#),
                resources: [Fixture.ecrImage], confidence: .likely),
            .quiet("tag present", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                #""imageDetails": [{"registryId": "111122223333", "repositoryName": "web", "imageDigest": "sha256:aa", "imageTags": ["1.4.2"]}]"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings = Self.description.namedCauseFindings(context) { symptom, workload in
            let image = Self.image(in: symptom) ?? workload?.container(named: symptom.facts.containerName)?.image
            var evidence: [Evidence] = []
            if let image, let missing = Self.missingFromECR(image, context) { evidence.append(missing) }
            return NamedCauseDetail(title: "The image \(image ?? "") does not exist in its registry (or is not visible to the task)",
                                    resources: (image.map { [.image($0)] } ?? []) + symptom.resourceList, confirmingEvidence: evidence,
                                    fix: Self.fix(image, context))
        }
        // From configuration: an ECR tag that describe-images does not list.
        let explained = Set(findings.flatMap(\.explains))
        guard context.index.has(.ecrImages) || context.index.has(.ecrRepositories) else { return findings }
        var seen = Set<String>()
        for workload in context.index.workloads {
            for container in workload.taskDefinition?.containerDefinitions ?? [] {
                guard let image = container.image, seen.insert(image).inserted, let missing = Self.missingFromECR(image, context),
                      !findings.contains(where: { $0.primaryResource == image }) else { continue }
                findings.append(Self.description.finding(
                    title: "The image \(image) is not in ECR", basis: .symptomText,
                    explains: context.symptoms(of: [.imagePullFailed], on: workload).filter { !explained.contains($0.id) },
                    resources: [.image(image), workload.resource],
                    evidence: [Evidence(container.location + "/image", "container \(container.name) uses \(image)"), missing],
                    fix: Self.fix(image, context)))
            }
        }
        return findings
    }

    /// The image reference a pull error names.
    static func image(in symptom: Symptom) -> String? {
        for marker in ["failed to resolve ref ", "pull access denied for ", "manifest for "] {
            if let token = MessageClassifier.token(after: marker, in: symptom.message) {
                let cleaned = MessageClassifier.trimPunctuation(token.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
                if cleaned.contains("/") || cleaned.contains(":") { return cleaned }
            }
        }
        return nil
    }

    /// Evidence that an ECR image is absent from the snapshot's ECR listings.
    static func missingFromECR(_ image: String, _ context: AnalysisContext) -> Evidence? {
        let reference = ImageReference(image)
        guard reference.isECR else { return nil }
        let index = context.index
        if index.has(.ecrRepositories), !index.ecrRepositoryExists(reference.repository) {
            return Evidence("", "repository \(reference.repository) is not among the snapshot's ECR repositories")
        }
        let images = index.ecrImages(inRepository: reference.repository)
        guard index.has(.ecrImages), !images.isEmpty else { return nil }
        if let digest = reference.digest {
            return images.contains { $0.imageDigest == digest } ? nil : Evidence(images[0].location, "no image with digest \(digest) in \(reference.repository)")
        }
        let tag = reference.tag ?? "latest"
        return images.contains { $0.imageTags.contains(tag) } ? nil
            : Evidence(images[0].location, "\(reference.repository) has no tag \(tag) (tags: \(images.flatMap(\.imageTags).sorted().joined(separator: ", ")))")
    }

    static func fix(_ image: String?, _ context: AnalysisContext) -> Fix {
        let reference = image.map(ImageReference.init)
        var commands: [String] = []
        if let reference, reference.isECR {
            commands.append("aws ecr describe-images --repository-name \(reference.repository) --region \(reference.region ?? context.region)\(reference.tag.map { " --image-ids imageTag=\($0)" } ?? "")")
        }
        return Fix(summary: "Push the image, or correct the repository, tag or digest in the task definition",
                   steps: ["Check the exact reference in the task definition: registry host, repository path, tag (case matters).",
                           "Push the missing tag (docker push / your CI), or register a task definition revision with an existing tag or digest.",
                           "For Docker Hub, a private repository also answers 'does not exist': add repositoryCredentials.",
                           "Deploy the new revision."],
                   commands: commands)
    }
}

import Foundation
