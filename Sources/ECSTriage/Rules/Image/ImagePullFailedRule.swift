/// A CannotPullContainerError whose cause neither the message nor the
/// configuration names.
struct ImagePullFailedRule: Rule {
    static let description = RuleDescription(
        id: "image-pull-failed", title: "The image could not be pulled", category: .image, kind: .symptom,
        severity: .critical, explains: [.imagePullFailed],
        examples: [
            .triggers("layer registration failed", "CannotPullContainerError: failed to register layer: ApplyLayer exit status 1 stdout: stderr:",
                      resources: [""]),
            .quiet("a network timeout is another rule's", "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/mysql:8.0: failed to do request: Head 'https://registry-1.docker.io/v2/library/mysql/manifests/8.0': dial tcp 34.226.69.105:443: i/o timeout."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.unexplainedSymptoms(of: [.imagePullFailed]).map { symptom in
            let workload = context.index.workload(for: symptom.resource)
            let image = workload?.container(named: symptom.facts.containerName)?.image
            return Self.description.finding(
                title: "The image\(image.map { " \($0)" } ?? "") could not be pulled",
                basis: .symptomText, explains: [symptom], resources: (image.map { [.image($0)] } ?? []) + symptom.resourceList,
                evidence: [symptom.evidence],
                fix: Self.fix(image, context),
                missingEvidence: workload == nil ? [Self.taskEvidence(symptom.resource)] : [])
        }
    }
}

// MARK: Messages and fixes

extension ImagePullFailedRule {
    static func fix(_ image: String?, _ context: AnalysisContext) -> Fix {
        let reference = image.map(ImageReference.init)
        return Fix(summary: "Find which step of the pull failed; the usual causes, in order, are below",
                   steps: ["No network path to the registry (ECR needs ecr.api, ecr.dkr and S3; other registries the internet).",
                           "The repository or tag does not exist, or was pushed for another platform.",
                           "The execution role (or, for other registries, repositoryCredentials) may not pull it.",
                           "Docker Hub rate limit (429 toomanyrequests).",
                           "Not enough disk for the layers (no space left on device, failed to register layer)."],
                   commands: reference.flatMap { $0.isECR ? [ImageNotFoundRule.describeImages($0, region: context.region)] : nil } ?? [])
    }

    static func taskEvidence(_ resource: String?) -> MissingEvidence {
        MissingEvidence(why: "the task's image, subnet and execution role",
                        command: ContainerExitedRule.describeTasks(resource, query: "tasks[].[taskDefinitionArn,containers[].image,attachments[].details]"))
    }
}
