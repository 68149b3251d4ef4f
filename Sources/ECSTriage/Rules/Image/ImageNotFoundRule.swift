/// The image reference names a repository, tag or digest that does not exist.
/// From configuration, only where the snapshot's ECR listings speak for the
/// image's registry (`SnapshotIndex.ecrListingCovers`): a repository absent
/// from another account's listing, or from one that could not be read, is
/// not evidence.
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
            .quiet("another account's registry, which could not be read", Fixture.snapshot(
                #""accountId": "111122223333""#,
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "444455556666.dkr.ecr.us-east-1.amazonaws.com/shared/web:2.0")),
                #""repositories": []"#,
                #""collectErrors": [{"operation": "ecr describe-repositories", "arguments": ["--registry-id", "444455556666", "--repository-names", "shared/web"], "error": "An error occurred (AccessDeniedException) when calling the DescribeRepositories operation: not authorized", "lacks": ["repositories"]}]"#)),
            .quiet("another account's registry, absent from this account's listing", Fixture.snapshot(
                #""accountId": "111122223333""#,
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "444455556666.dkr.ecr.us-east-1.amazonaws.com/shared/web:2.0")),
                #""repositories": [{"registryId": "111122223333", "repositoryName": "web", "repositoryUri": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web"}]"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings = Self.description.namedCauseFindings(context) { symptom, workload in
            let image = Self.image(in: symptom) ?? workload?.container(named: symptom.facts.containerName)?.image
            return NamedCauseDetail(title: Self.title(image), resources: (image.map { [.image($0)] } ?? []) + symptom.resourceList,
                                    confirmingEvidence: image.flatMap { Self.missingFromECR($0, context.index) }.map { [$0] } ?? [],
                                    fix: Self.fix(image, context))
        }
        // From configuration: an ECR image the listings of its own registry do not hold.
        let explained = Set(findings.flatMap(\.explains))
        guard context.index.has(.ecrImages) || context.index.has(.ecrRepositories) else { return findings }
        var seen = Set<String>()
        for workload in context.index.workloads {
            for container in workload.taskDefinition?.containerDefinitions ?? [] {
                guard let image = container.image, seen.insert(image).inserted, let missing = Self.missingFromECR(image, context.index),
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

    /// Evidence that an ECR image is absent from listings that speak for its registry.
    static func missingFromECR(_ image: String, _ index: SnapshotIndex) -> Evidence? {
        let reference = ImageReference(image)
        guard index.ecrListingCovers(reference) else { return nil }
        if index.has(.ecrRepositories), !index.ecrRepositoryExists(reference.repository) {
            return Evidence("", "repository \(reference.repository) is not among the snapshot's ECR repositories of registry \(reference.account ?? "")")
        }
        let images = index.ecrImages(inRepository: reference.repository).filter { $0.registryId == nil || $0.registryId == reference.account }
        guard index.has(.ecrImages), !images.isEmpty else { return nil }
        if let digest = reference.digest {
            return images.contains { $0.imageDigest == digest } ? nil
                : Evidence(images[0].location, "no image with digest \(digest) in \(reference.repository)")
        }
        let tag = reference.tag ?? "latest"
        return images.contains { $0.imageTags.contains(tag) } ? nil
            : Evidence(images[0].location, "\(reference.repository) has no tag \(tag) (tags: \(images.flatMap(\.imageTags).sorted().joined(separator: ", ")))")
    }
}

// MARK: Messages and fixes

extension ImageNotFoundRule {
    static func title(_ image: String?) -> String {
        "The image \(image.map { "\($0) " } ?? "")does not exist in its registry (or is not visible to the task)"
    }

    /// `describe-images` in the image's own registry and region.
    static func describeImages(_ reference: ImageReference, region: String) -> String {
        let imageId = reference.digest.map { "imageDigest=\($0)" } ?? "imageTag=\(reference.tag ?? "latest")"
        return "aws ecr describe-images " + [ShellWord.option("--registry-id", reference.account ?? ""),
                                              ShellWord.option("--repository-name", reference.repository),
                                              "--image-ids \(ShellWord.quoted(imageId))",
                                              ShellWord.option("--region", reference.region ?? region)].joined(separator: " ")
    }

    static func fix(_ image: String?, _ context: AnalysisContext) -> Fix {
        let reference = image.map(ImageReference.init)
        return Fix(summary: "Push the image, or correct the repository, tag or digest in the task definition",
                   steps: ["Check the exact reference in the task definition: registry host, repository path, tag (case matters).",
                           "Push the missing tag (docker push / your CI), or register a task definition revision with an existing tag or digest.",
                           "For Docker Hub, a private repository also answers 'does not exist': add repositoryCredentials.",
                           "Deploy the new revision."],
                   commands: reference.flatMap { $0.isECR ? [describeImages($0, region: context.region)] : nil } ?? [])
    }
}

import Foundation
